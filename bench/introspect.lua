-- RFC 7662 introspection of a different access token on every request, cycling through a file of
-- them, by the benchmark application (bench-app, HTTP Basic). Each answer must say "active": true.
-- Arguments: the file of tokens, the file whose third line is the Authorization header value, and
-- (for a peer) the introspection endpoint's path.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local tokens = {}
local next_token = 1
local basic
local path = "/oauth2/introspect"
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
  path = args[3] or path
  next_token = (math.random(#tokens))
end

function request()
  local token = tokens[next_token]
  next_token = next_token % #tokens + 1
  return wrk.format("POST", path,
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = basic }, "token=" .. token)
end

function response(status, headers, body)
  -- Answers of status 400 and above wrk counts itself; any other but an active 200 is wrong.
  if status < 400 and (status ~= 200 or not string.find(body, '"active": ?true')) then
    failures = failures + 1
  end
end
