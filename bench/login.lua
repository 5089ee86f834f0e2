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

function request()
  n = n + 1
  local body = '{"username":"bench-' .. (n % users) .. '","password":"' .. password .. '"}'
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", "/api/auth/login",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = address }, body)
end
