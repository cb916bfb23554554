-- Each wrk connection waits exactly 50 ms between requests. The 200 clients start together and so stay
-- in step: every 50 ms, 200 requests arrive at once. Kept beside think.lua to show what bursts cost.
function delay()
  return 50
end
