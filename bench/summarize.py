"""Medians over the runs of bench/run.sh, and the ratios that matter, as a Markdown table.

Ratios are taken round by round (the authenticated GET against the plain GET of the same round;
the logins against the faster of the two password-hash measurements right before and right after
them) and their median reported: on a shared machine the speed drifts between rounds, and a ratio within one round is
much steadier than a ratio of two medians.
"""
import json
import statistics
import sys
from collections import defaultdict

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
runs = defaultdict(list)
for row in rows:
    runs[(row["db"], row["scenario"])].append(row)

NAMES = {"ceiling": "GET /api/greeting (no token: the HTTP ceiling)", "me": "GET /api/me (bearer token)",
         "refresh": "POST /api/auth/refresh", "login": "POST /api/auth/login", "jwks": "GET /.well-known/jwks.json",
         "hash": "Argon2id alone, all cores (no HTTP)",
         "userinfo": "GET /oauth2/userinfo (application token)",
         "authcode": "GET /oauth2/authorize + POST /oauth2/token (SSO session, PKCE), each counted"}
ORDER = ["ceiling", "me", "userinfo", "jwks", "refresh", "authcode", "login", "hash"]


def median(db, scenario, field):
    values = [r[field] for r in runs.get((db, scenario), []) if field in r]
    return statistics.median(values) if values else None


def per_round(db, scenario, value=lambda r: r["rps"]):
    """A value by round (rps unless told). Of the hash's two measurements (before and after the
    logins) the faster one counts: the capacity the logins are held against is the best the machine
    showed that round."""
    by_round = defaultdict(list)
    for r in runs.get((db, scenario), []):
        if value(r) is not None:
            by_round[r.get("run")].append(value(r))
    return {k: max(v) for k, v in by_round.items()}


def round_ratios(db, numerator, denominator, value=lambda r: r["rps"]):
    top, bottom = per_round(db, numerator, value), per_round(db, denominator, value)
    return [top[k] / bottom[k] for k in sorted(top, key=str) if k in bottom and bottom[k]]


def cpu_per_request(row, field):
    """Milliseconds of CPU per request: of the server process, of everything else on the machine, or
    of the whole machine."""
    if "server_cpu_s" not in row or not row.get("requests"):
        return None
    spent = {"server": row["server_cpu_s"], "other": row["machine_cpu_s"] - row["server_cpu_s"],
             "machine": row["machine_cpu_s"]}[field]
    return 1000.0 * spent / row["requests"]


def per_cpu_second(row):
    """Logins, or hashes alone, per second of the machine's CPU: the rate with the machine's speed
    and the load generator's share taken out."""
    ms = row.get("cpu_ms_per_hash") or cpu_per_request(row, "machine")
    return 1000.0 / ms if ms else None


def token_check_bounds(db):
    """By round: the highest authenticated / plain GET ratio that the bearer-token check (Keycard's,
    or Liberty's mpJwt before it) leaves possible, if everything else the authenticated GET costs were free. The check's CPU per request
    is its inclusive share of the profile's samples times the server's CPU per request; a plain GET
    pays for the check too (finding no token), so only the difference is added."""
    plain = {r["run"]: r for r in runs.get((db, "ceiling"), []) if "token_check_share" in r}
    bounds = []
    for me in runs.get((db, "me"), []):
        if "token_check_share" in me and me["run"] in plain:
            c, m = cpu_per_request(plain[me["run"]], "server"), cpu_per_request(me, "server")
            extra = m * me["token_check_share"] - c * plain[me["run"]]["token_check_share"]
            bounds.append((c / (c + extra), extra))
    return bounds


print("| database | scenario | req/s | p50 ms | p99 ms | errors | peak RSS MiB | pool waits | server CPU ms/req "
      "| other CPU ms/req | runs |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for db in sorted({db for db, _ in runs}):
    for scenario in ORDER:
        if (db, scenario) not in runs:
            continue
        p50, p99, rss = (median(db, scenario, f) for f in ("p50_us", "p99_us", "rss_peak_kib"))
        queued = [r["pool_queued"] for r in runs[(db, scenario)] if "pool_queued" in r]
        cpu = {field: [c for c in (cpu_per_request(r, field) for r in runs[(db, scenario)]) if c is not None]
               for field in ("server", "other")}
        print("| %s | %s | %.0f | %s | %s | %d | %s | %s | %s | %s | %d |" % (
            db, NAMES[scenario], median(db, scenario, "rps"),
            "%.2f" % (p50 / 1000) if p50 is not None else "",
            "%.2f" % (p99 / 1000) if p99 is not None else "",
            sum(r.get("errors", 0) for r in runs[(db, scenario)]),
            "%.0f" % (rss / 1024) if rss else "",
            sum(queued) if queued else "",
            "%.3f" % statistics.median(cpu["server"]) if cpu["server"] else "",
            "%.3f" % statistics.median(cpu["other"]) if cpu["other"] else "",
            len(per_round(db, scenario))))
print()
for db in sorted({db for db, _ in runs}):
    rps = lambda r: r["rps"]
    server_cpu = lambda r: cpu_per_request(r, "server")
    # Each ratio round by round; CPU per request falls as rate rises, so its ratio is the plain
    # GET's over the authenticated one's.
    for label, numerator, denominator, value in (
            ("authenticated / unauthenticated GET", "me", "ceiling", rps),
            ("userinfo / authenticated GET (/api/me)", "userinfo", "me", rps),
            ("login / password-hash capacity", "login", "hash", rps),
            ("login / password-hash capacity, in CPU: one hash alone ÷ the machine's CPU per login",
             "login", "hash", per_cpu_second),
            ("server CPU per request, unauthenticated / authenticated GET", "ceiling", "me", server_cpu)):
        ratios = round_ratios(db, numerator, denominator, value)
        if ratios:
            print("- %s: %s = %.2f (median of rounds: %s)" % (
                db, label, statistics.median(ratios), ", ".join("%.2f" % r for r in ratios)))
    me_cpu, plain_cpu = per_round(db, "me", server_cpu), per_round(db, "ceiling", server_cpu)
    above = [me_cpu[k] - plain_cpu[k] for k in sorted(me_cpu, key=str) if k in plain_cpu]
    if above:
        print("- %s: server CPU per authenticated GET above the plain GET: %.3f ms (median of rounds: %s)" % (
            db, statistics.median(above), ", ".join("%.3f" % a for a in above)))
    # Two HTTP requests make one sign-in to an application: authorize, then the exchange.
    flows = [(r["rps"] / 2, 2 * cpu_per_request(r, "server")) for r in runs.get((db, "authcode"), [])
             if cpu_per_request(r, "server") is not None]
    if flows:
        print("- %s: code flow (authorize + exchange, two requests): %.0f flows/s, %.3f ms of server CPU per flow "
              "(medians; rounds: %s)" % (
                  db, statistics.median(f for f, _ in flows), statistics.median(c for _, c in flows),
                  ", ".join("%.0f/s %.3f ms" % flow for flow in flows)))
    info_cpu = per_round(db, "userinfo", server_cpu)
    above = [info_cpu[k] - me_cpu[k] for k in sorted(info_cpu, key=str) if k in me_cpu]
    if above:
        print("- %s: server CPU per userinfo GET above the /api/me GET: %.3f ms (median of rounds: %s)" % (
            db, statistics.median(above), ", ".join("%.3f" % a for a in above)))
    bounds = token_check_bounds(db)
    if bounds:
        print("- %s: the bearer-token check costs %s ms of server CPU more per request than on the plain GET; with "
              "everything else free, authenticated / unauthenticated GET could reach at most %.2f (rounds: %s)" % (
                  db, "/".join("%.3f" % extra for _, extra in bounds),
                  statistics.median(b for b, _ in bounds), ", ".join("%.2f" % b for b, _ in bounds)))
    live = [r["live_heap_mib"] for r in rows if r["db"] == db and r.get("live_heap_mib")]
    if live:
        print("- %s: live heap after each round (after a full collection) %d to %d MiB" % (db, min(live), max(live)))
    rss = [r["rss_peak_kib"] for r in rows if r["db"] == db and "rss_peak_kib" in r]
    if rss:
        print("- %s: peak resident memory over all rounds %.0f to %.0f MiB" % (db, min(rss) / 1024, max(rss) / 1024))
