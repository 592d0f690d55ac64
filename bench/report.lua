-- Shared by the wrk scripts (presigned.lua, scores.lua): the one summary line the bench scripts
-- read (the figure they divide CPU time by is its second field). Loaded with dofile from the
-- repository root, where run.sh and platform.sh run wrk.
function report(what, summary, latency)
  io.write(string.format("%s %d in %.1f s: %.0f %s/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d\n",
    what, summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), what,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
