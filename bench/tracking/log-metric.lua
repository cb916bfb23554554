-- wrk script: single runs/log-metric calls, each a new (step) point. Set RUN_ID and KEY.
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
  local body = string.format('{"run_id":"%s","run_uuid":"%s","key":"loss","value":0.5,"timestamp":1700000000000,"step":%d}',
    run_id, run_id, thread_id * 100000000 + counter)
  return wrk.format("POST", "/api/2.0/mlflow/runs/log-metric",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end
