-- Successful logins by the resource owner password grant (RFC 6749 §4.3), the way a peer that has
-- no login API of its own signs users in without a browser: the counterpart of login.lua. Users
-- rotate over bench-0 ... bench-63, as in login.lua. Arguments: the token endpoint's path, the
-- password, and the client's form fields (for a public client "client_id=...").
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local users = 64
local n = 0
local path, password, client
failures = 0

function init(args)
  path, password, client = args[1], args[2], args[3]
  n = math.random(users)
end

function request()
  n = n + 1
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=password&username=bench-" .. (n % users) .. "&password=" .. password .. "&" .. client)
end

function response(status, headers, body)
  -- Answers of status 400 and above wrk counts itself; any other but a 200 with tokens is wrong.
  if status < 400 and (status ~= 200 or not string.find(body, '"refresh_token"', 1, true)) then
    failures = failures + 1
  end
end
