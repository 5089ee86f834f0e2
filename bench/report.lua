-- Shared by every scenario: one JSON line with what the run measured, for bench/run.sh.
-- Latencies are in microseconds; "errors" counts socket errors, non-2xx answers (wrk counts
-- status 400 and above) and the answers a script found wrong although their status was not an
-- error (a script counts those in its global "failures"; "wrong_answers" in the line).

-- Each thread gets its number, "index" (1, 2, ...), for scripts that give each thread its own
-- part of a list.
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("index", #threads)
end

function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + (thread:get("failures") or 0)
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status + wrong
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"errors":%d,"non_2xx":%d,"wrong_answers":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, errors, e.status, wrong))
end
