-- Successful logins, as many different users from many addresses sign in: the password hash
-- dominates. Keycard trusts X-Forwarded-For from 127.0.0.1 in the benchmark (a proxy in front),
-- so each request comes from its own client address; users rotate over bench-0 ... bench-63.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local users = 64
local n = 0

function init(args)
  password = args[2]
  n = math.random(users)
end

-- BENCH_LOGIN_PAUSE_MS (run.sh --login-pause): each connection waits this long before each
-- request, so that logins arrive at a set rate instead of as fast as the server answers.
local pause = tonumber(os.getenv("BENCH_LOGIN_PAUSE_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

function request()
  n = n + 1
  local body = '{"username":"bench-' .. (n % users) .. '","password":"' .. password .. '"}'
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", "/api/auth/login",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = address }, body)
end
