-- Each wrk connection is one client with think time between its requests, drawn from an exponential
-- distribution with a 50 ms mean (about 20 requests/s per client): 200 clients then arrive as a
-- Poisson stream, as independent clients do, instead of in lock-step bursts of 200. Latency is the
-- server's answer time, not the queue of a saturated closed loop.
local mean_ms = 50

function init(args)
  math.randomseed(math.floor(os.clock() * 1e6) + tonumber(tostring({}):match("0x(%x+)"), 16) % 1000003)
end

function delay()
  return math.floor(-mean_ms * math.log(1 - math.random()))
end
