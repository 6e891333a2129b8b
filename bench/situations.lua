-- wrk script for bench/situations.sh: GETs one page of the professionals' space as a signed-in
-- professional (the session cookie is the argument after "--"), and prints after wrk's own report
-- the percentiles its --latency table leaves out, in milliseconds:
--   p50-ms: N
--   p95-ms: N
--   p99-ms: N

function init(args)
  wrk.headers["Cookie"] = args[1]
end

function done(summary, latency, requests)
  io.write(string.format("p50-ms: %.3f\np95-ms: %.3f\np99-ms: %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
