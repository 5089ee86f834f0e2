-- The client credentials grant (RFC 6749 §4.4): a service client, authenticated by HTTP Basic,
-- gets an access token. Arguments: the token endpoint's path, the Authorization header value, and
-- optionally more form fields (such as "scope=profile" for a peer that requires a scope). Any
-- answer but a 200 with an access token counts as a failure (a redirect too).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local path, basic, extra
failures = 0

function init(args)
  path, basic = args[1], args[2]
  extra = args[3] and ("&" .. args[3]) or ""
end

function request()
  return wrk.format("POST", path,
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = basic },
    "grant_type=client_credentials" .. extra)
end

function response(status, headers, body)
  -- Answers of status 400 and above wrk counts itself.
  if status < 400 and (status ~= 200 or not string.find(body, '"access_token"', 1, true)) then
    failures = failures + 1
  end
end
