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

dofile("bench/report.lua")

function done(summary, latency, requests)
  report("launches", summary, latency)
end
