-- Each wrk connection is one client that waits 50 ms between requests (about 20 requests/s per
-- client): latency is then the server's answer time, not the queue of a saturated closed loop.
function delay()
  return 50
end
