-- wrk script: each thread sends its own file of pre-signed LTI 1.1 launches, each body once.
-- A launch answered with anything but a redirect counts as an error (wrk's status errors).
local threads = {}
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1] .. "/bodies-" .. id .. ".txt") do
    bodies[#bodies + 1] = line
  end
  i = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  i = i + 1
  if i > #bodies then i = 1 end
  return wrk.format(nil, "/lamb/v1/lti/launch", nil, bodies[i])
end

function done(summary, latency, requests)
  io.write(string.format("launches %d in %.1f s: %.0f launches/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
