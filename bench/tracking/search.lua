-- wrk script: one runs/search request, body from the environment (BODY), key from KEY.
local body = os.getenv("BODY")
local key = os.getenv("KEY")
function request()
  return wrk.format("POST", "/api/2.0/mlflow/runs/search", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end
