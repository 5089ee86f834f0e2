-- RFC 7662 introspection of a different access token on every request, cycling through a file of
-- them, by the benchmark application (bench-app, HTTP Basic). Each answer must say "active": true.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local tokens = {}
local next_token = 1
local basic
failures = 0

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  local lines = {}
  for line in io.lines(args[2]) do
    lines[#lines + 1] = line
  end
  basic = lines[3]
  next_token = (math.random(#tokens))
end

function request()
  local token = tokens[next_token]
  next_token = next_token % #tokens + 1
  return wrk.format("POST", "/oauth2/introspect",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = basic }, "token=" .. token)
end

function response(status, headers, body)
  if status == 200 and not string.find(body, '"active":true', 1, true) then
    failures = failures + 1
  end
end
