-- Refresh-token rotation: each wrk thread owns one login (run with as many threads as
-- connections, so that a thread's requests are strictly sequential) and always presents the
-- refresh token of the previous answer, as a real client does.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

function init(args)
  local i = 0
  for line in io.lines(args[1]) do
    i = i + 1
    if i == index then
      token = line
    end
  end
end

function request()
  return wrk.format("POST", "/api/auth/refresh", { ["Content-Type"] = "application/json" },
    '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    token = string.match(body, '"refresh_token":"([^"]+)"')
  end
end
