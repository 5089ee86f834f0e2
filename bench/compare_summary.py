"""bench/compare.py's results as Markdown: per scenario, each server's medians, and the ratios
Keycard ÷ peer taken round by round (a ratio within one round is far steadier on a shared machine
than a ratio of medians), with their median.

Usage: python3 bench/compare_summary.py target/bench/compare/results.jsonl
"""
import json
import statistics
import sys
from collections import defaultdict

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
NAMES = {"login": "login (Keycard's login, the peers' password grant)", "refresh": "refresh with rotation",
         "client_credentials": "client credentials grant", "introspect": "introspection, distinct tokens",
         "userinfo": "userinfo, distinct tokens", "jwks": "JWKS",
         "authcode": "code flow in a live SSO session (both requests counted)"}
by = defaultdict(dict)  # (scenario, server) -> round -> row
servers = []
for row in rows:
    if row["server"] not in servers:
        servers.append(row["server"])
    by[(row["scenario"], row["server"])][row.get("round", 0)] = row
peers = [s for s in servers if s != "keycard"]


def cpu(row):
    return row["server_cpu_ms_per_req"] + row["db_cpu_ms_per_req"]


def median(values):
    return statistics.median(values) if values else None


def fmt(value, digits=2):
    return "" if value is None else ("{:,.%df}" % digits).format(value)


print("| scenario | server | req/s | p50 ms | p99 ms | errors | server CPU ms/req | database CPU ms/req |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for scenario in NAMES:
    for server in servers:
        runs = list(by.get((scenario, server), {}).values())
        if not runs:
            continue
        print("| %s | %s | %s | %s | %s | %d | %s | %s |" % (
            NAMES[scenario], server, fmt(median([r["rps"] for r in runs]), 0),
            fmt(median([r["p50_us"] / 1000 for r in runs]), 1), fmt(median([r["p99_us"] / 1000 for r in runs]), 1),
            sum(r["errors"] for r in runs), fmt(median([r["server_cpu_ms_per_req"] for r in runs]), 3),
            fmt(median([r["db_cpu_ms_per_req"] for r in runs]), 3)))
print()
for peer in peers:
    print("| scenario | throughput Keycard ÷ %s (rounds) | per CPU Keycard ÷ %s (rounds) |" % (peer, peer))
    print("|---|---|---|")
    for scenario in NAMES:
        mine, theirs = by.get((scenario, "keycard"), {}), by.get((scenario, peer), {})
        # A round in which either server answered wrongly measures nothing comparable.
        rounds = [r for r in sorted(set(mine) & set(theirs)) if not mine[r]["errors"] and not theirs[r]["errors"]]
        if not rounds:
            continue
        throughput = [mine[r]["rps"] / theirs[r]["rps"] for r in rounds if theirs[r]["rps"]]
        per_cpu = [cpu(theirs[r]) / cpu(mine[r]) for r in rounds if cpu(mine[r])]
        print("| %s | **%s** (%s) | **%s** (%s) |" % (
            NAMES[scenario], fmt(median(throughput)), ", ".join(fmt(v) for v in throughput),
            fmt(median(per_cpu)), ", ".join(fmt(v) for v in per_cpu)))
    print()
print("| server | start to first 200, s (median; each) | resident memory after the run, MiB | heap cap |")
print("|---|---|---:|---|")
for server in servers:
    starts = [r["seconds_to_first_200"] for r in by.get(("startup", server), {}).values()]
    memory = by.get(("memory", server), {}).get(0, {})
    print("| %s | %s (%s) | %s | %s |" % (server, fmt(median(starts), 1), ", ".join(fmt(v, 1) for v in starts),
                                          fmt(memory.get("rss_mib"), 0), memory.get("heap", "")))
