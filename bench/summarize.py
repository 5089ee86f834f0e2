"""Medians over the runs of bench/run.sh, and the ratios that matter, as a Markdown table."""
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
         "hash": "Argon2id alone, all cores (no HTTP)"}


def median(db, scenario, field):
    values = [r[field] for r in runs.get((db, scenario), []) if field in r]
    return statistics.median(values) if values else None


print("| database | scenario | req/s | p50 ms | p99 ms | errors | peak RSS MiB | runs |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for db in sorted({db for db, _ in runs}):
    for scenario in ["ceiling", "me", "jwks", "refresh", "login", "hash"]:
        if (db, scenario) not in runs:
            continue
        p50, p99, rss = (median(db, scenario, f) for f in ("p50_us", "p99_us", "rss_peak_kib"))
        print("| %s | %s | %.0f | %s | %s | %d | %s | %d |" % (
            db, NAMES[scenario], median(db, scenario, "rps"),
            "%.2f" % (p50 / 1000) if p50 is not None else "",
            "%.2f" % (p99 / 1000) if p99 is not None else "",
            sum(r.get("errors", 0) for r in runs[(db, scenario)]),
            "%.0f" % (rss / 1024) if rss else "", len(runs[(db, scenario)])))
print()
for db in sorted({db for db, _ in runs}):
    me, ceiling = median(db, "me", "rps"), median(db, "ceiling", "rps")
    login, hashing = median(db, "login", "rps"), median(db, "hash", "rps")
    if me and ceiling:
        print("- %s: authenticated / unauthenticated GET = %.2f" % (db, me / ceiling))
    if login and hashing:
        print("- %s: login / password-hash capacity = %.2f" % (db, login / hashing))
