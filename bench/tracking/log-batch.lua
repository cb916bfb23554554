-- wrk script: runs/log-batch with 1,000 distinct metric points per request (10 keys x 100 steps),
-- steps advancing per request so nothing is a duplicate. Set RUN_ID and KEY in the environment.
local run_id = os.getenv("RUN_ID")
local key = os.getenv("KEY")
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function request()
  counter = counter + 1
  local base = (thread_id * 100000000) + counter * 100
  local parts = {}
  for k = 0, 9 do
    for s = 0, 99 do
      parts[#parts + 1] = string.format('{"key":"m%d","value":%d.5,"timestamp":1700000000000,"step":%d}', k, s, base + s)
    end
  end
  local body = '{"run_id":"' .. run_id .. '","metrics":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/api/2.0/mlflow/runs/log-batch",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end
