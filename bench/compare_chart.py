"""Draws docs/performance-peers.png from bench/compare.py's results: per scenario, Keycard's
throughput per CPU divided by each peer's, round by round (dots) and their median (bar).

Usage: /usr/bin/python3 bench/compare_chart.py [results.jsonl ...] [out.png]   (Debian: python3-matplotlib)
A scenario measured again in a later file (a rerun of one scenario) replaces the earlier file's.
"""
import json
import statistics
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

arguments = sys.argv[1:]
target = arguments.pop() if arguments and arguments[-1].endswith(".png") else "docs/performance-peers.png"
sources = arguments or ["target/bench/compare/results.jsonl"]
SCENARIOS = ["login", "refresh", "client_credentials", "introspect", "userinfo", "jwks", "authcode"]
rows = defaultdict(dict)
for source in sources:
    found = defaultdict(dict)
    for row in map(json.loads, open(source)):
        if row["scenario"] in SCENARIOS:
            found[(row["scenario"], row["server"])][row["round"]] = row
    rows.update(found)
peers = sorted({server for _, server in rows if server != "keycard"})


def cpu(row):
    return row["server_cpu_ms_per_req"] + row["db_cpu_ms_per_req"]


figure, axes = plt.subplots(figsize=(9, 4.5))
width = 0.8 / max(len(peers), 1)
for i, peer in enumerate(peers):
    medians, xs = [], []
    for x, scenario in enumerate(SCENARIOS):
        mine, theirs = rows.get((scenario, "keycard"), {}), rows.get((scenario, peer), {})
        ratios = [cpu(theirs[r]) / cpu(mine[r]) for r in sorted(set(mine) & set(theirs)) if cpu(mine[r])]
        if ratios:
            position = x + (i - (len(peers) - 1) / 2) * width
            medians.append(statistics.median(ratios))
            xs.append(position)
            axes.scatter([position] * len(ratios), ratios, color="black", s=8, zorder=3)
    axes.bar(xs, medians, width * 0.9, label="Keycard ÷ " + peer)
axes.axhline(1, color="grey", linewidth=0.8)
axes.set_yscale("log")
axes.set_xticks(range(len(SCENARIOS)))
axes.set_xticklabels([s.replace("_", " ") for s in SCENARIOS], rotation=20)
axes.set_ylabel("throughput per CPU, Keycard ÷ peer (log)")
axes.set_title("Keycard beside its peers, same machine, alternating rounds (above 1: Keycard does more)")
axes.legend()
figure.tight_layout()
figure.savefig(target, dpi=110)
