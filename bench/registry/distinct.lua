-- wrk script: every request a different path, read from a file (one path a line). Threads take
-- interleaved lines; a run that needs more requests than the file has lines starts again at the top,
-- and done() prints how many requests repeated an earlier path (so could have come from a cache).
-- Usage: wrk -s distinct.lua <url> -- <paths file> <threads>
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  step = tonumber(args[2])
  index = id + 1
  repeats = 0
end

function request()
  local path = paths[(index - 1) % #paths + 1]
  if index > #paths then
    repeats = repeats + 1
  end
  index = index + step
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("repeats")
  end
  io.write(string.format("Repeated paths: %d\n", total))
end
