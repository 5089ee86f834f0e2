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
         "hash": "Argon2id alone, all cores (no HTTP)"}


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
    """Milliseconds of CPU per request: of the server process, or of everything else on the machine."""
    if "server_cpu_s" not in row or not row.get("requests"):
        return None
    spent = row["server_cpu_s"] if field == "server" else row["machine_cpu_s"] - row["server_cpu_s"]
    return 1000.0 * spent / row["requests"]


print("| database | scenario | req/s | p50 ms | p99 ms | errors | peak RSS MiB | pool waits | server CPU ms/req "
      "| other CPU ms/req | runs |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for db in sorted({db for db, _ in runs}):
    for scenario in ["ceiling", "me", "jwks", "refresh", "login", "hash"]:
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
    for label, numerator, denominator in (("authenticated / unauthenticated GET", "me", "ceiling"),
                                          ("login / password-hash capacity", "login", "hash")):
        ratios = round_ratios(db, numerator, denominator)
        if ratios:
            print("- %s: %s = %.2f (median of rounds: %s)" % (
                db, label, statistics.median(ratios), ", ".join("%.2f" % r for r in ratios)))
    # CPU per request falls as rate rises: the plain GET's over the authenticated one's.
    ratios = round_ratios(db, "ceiling", "me", lambda r: cpu_per_request(r, "server"))
    if ratios:
        print("- %s: server CPU per request, unauthenticated / authenticated GET = %.2f (median of rounds: %s)" % (
            db, statistics.median(ratios), ", ".join("%.2f" % r for r in ratios)))
    live = [r["live_heap_mib"] for r in rows if r["db"] == db and r.get("live_heap_mib")]
    if live:
        print("- %s: live heap after each round (after a full collection) %d to %d MiB" % (db, min(live), max(live)))
    rss = [r["rss_peak_kib"] for r in rows if r["db"] == db and "rss_peak_kib" in r]
    if rss:
        print("- %s: peak resident memory over all rounds %.0f to %.0f MiB" % (db, min(rss) / 1024, max(rss) / 1024))
