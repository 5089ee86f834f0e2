-- Refresh-token rotation: each wrk thread owns one login (run with as many threads as
-- connections, so that a thread's requests are strictly sequential) and always presents the
-- refresh token of the previous answer, as a real client does. Arguments: the file of refresh
-- tokens (one per thread); for an OAuth token endpoint instead of Keycard's /api/auth/refresh, its
-- path and the client's form fields (for a public client "client_id=...").
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local path, client
failures = 0

function init(args)
  path, client = args[2], args[3]
  local i = 0
  for line in io.lines(args[1]) do
    i = i + 1
    if i == index then
      token = line
    end
  end
end

function request()
  if path then
    return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" },
      "grant_type=refresh_token&refresh_token=" .. token .. "&" .. client)
  end
  return wrk.format("POST", "/api/auth/refresh", { ["Content-Type"] = "application/json" },
    '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    token = string.match(body, '"refresh_token":"([^"]+)"')
  elseif status < 400 then
    failures = failures + 1  -- wrk counts 400 and above itself
  end
end
