-- The OpenID Connect code flow of users who already have an SSO session at Keycard, as when a
-- signed-in user opens one more application: GET /oauth2/authorize with the browser's keycard_sso
-- cookie (302 to the application with a code), then the application's back end redeems the code
-- at POST /oauth2/token (client_secret_basic and the PKCE S256 verifier; 200 with access, refresh
-- and ID token). Each wrk thread owns one connection (run with as many threads as connections),
-- so that the exchange follows its own authorization; it plays the SSO sessions in turn, starting
-- at its own part of the list. wrk counts each of the two requests; an authorization that does
-- not redirect with a code, or an exchange without an ID token, counts as a failure.
-- Arguments: the directory with bench/setup.py's sso-sessions.txt, pkce.txt and app-client.txt,
-- and the number of connections; for a peer, its authorization and token endpoints' paths, and
-- sso-sessions.txt holds whole Cookie header values instead of keycard_sso's.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local sessions, pairs_ = {}, {}
local client, redirect, basic
local n = 0
local authorize, token, cookie = "/oauth2/authorize", "/oauth2/token", "keycard_sso="
local code, verifier -- the code to redeem next, and its verifier; no code: authorize next
failures = 0

function init(args)
  for line in io.lines(args[1] .. "/sso-sessions.txt") do
    sessions[#sessions + 1] = line
  end
  for line in io.lines(args[1] .. "/pkce.txt") do
    local v, c = string.match(line, "(%S+) (%S+)")
    pairs_[#pairs_ + 1] = { v, c }
  end
  local client_lines = io.lines(args[1] .. "/app-client.txt")
  client, redirect, basic = client_lines(), client_lines(), client_lines()
  n = math.floor((index - 1) * #sessions / tonumber(args[2]))
  if args[3] then
    authorize, token, cookie = args[3], args[4], ""
  end
end

function request()
  if code then
    return wrk.format("POST", token,
      { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = basic },
      "grant_type=authorization_code&code=" .. code .. "&redirect_uri=" .. redirect .. "&code_verifier=" .. verifier)
  end
  n = n + 1
  local pair = pairs_[n % #pairs_ + 1]
  verifier = pair[1]
  return wrk.format("GET", authorize .. "?response_type=code&client_id=" .. client .. "&redirect_uri=" .. redirect
      .. "&scope=openid%20profile%20roles&state=s" .. index .. "-" .. n .. "&nonce=n" .. index .. "-" .. n
      .. "&code_challenge=" .. pair[2] .. "&code_challenge_method=S256",
    { ["Cookie"] = cookie .. sessions[n % #sessions + 1] })
end

function response(status, headers, body)
  local ok
  if code then
    code = nil
    ok = status == 200 and string.find(body, '"id_token"', 1, true) ~= nil
  else
    local location = headers["Location"] or headers["location"]
    code = status == 302 and location and string.match(location, "[?&]code=([^&]+)") or nil
    ok = code ~= nil
  end
  -- Answers of status 400 and above wrk counts itself.
  if not ok and status < 400 then
    failures = failures + 1
  end
end
