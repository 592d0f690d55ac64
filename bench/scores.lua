-- wrk script: AGS score posts for many learners on one line item (bench/platform.sh DRIVER=wrk).
-- Arguments: the directory holding "token" and "scores-path", the number of learners and of wrk
-- threads.
-- Each wrk thread posts for its own learners (user-bench-N with N mod threads = its id), with
-- timestamps that only grow, a microsecond apart from a start time taken when the run begins:
-- every score is later than the stored one and is written. Anything but 200 counts as an error.
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local function read(path)
  local f = assert(io.open(path))
  local s = f:read("*a"):gsub("%s+$", "")
  f:close()
  return s
end

function init(args)
  path = read(args[1] .. "/scores-path")
  learners = tonumber(args[2])
  step = tonumber(args[3])
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. read(args[1] .. "/token")
  wrk.headers["Content-Type"] = "application/vnd.ims.lis.v1.score+json"
  start = os.time()
  i = 0
end

function request()
  i = i + 1
  local learner = ((i * step) + (id - 1)) % learners + 1
  local stamp = os.date("!%Y-%m-%dT%H:%M:%S", start + math.floor(i / 1000000)) .. string.format(".%06dZ", i % 1000000)
  local body = string.format('{"userId":"user-bench-%d","scoreGiven":%d,"scoreMaximum":100,'
    .. '"activityProgress":"Completed","gradingProgress":"FullyGraded","timestamp":"%s"}',
    learner, i % 101, stamp)
  return wrk.format(nil, path, nil, body)
end

dofile("bench/report.lua")

function done(summary, latency, requests)
  report("scores", summary, latency)
end
