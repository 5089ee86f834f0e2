-- GET with a different valid access token on every request, cycling through a file of them:
-- Liberty caches validated tokens, so one repeated token would measure the cache, not validation.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local tokens = {}
local next_token = 1

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  -- Each wrk thread starts at a different place in the list.
  next_token = (math.random(#tokens))
end

function request()
  local token = tokens[next_token]
  next_token = next_token % #tokens + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end
