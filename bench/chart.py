"""Draws docs/performance.png from target/bench/results.jsonl: throughput and latency per scenario.

Usage: /usr/bin/python3 bench/chart.py [results.jsonl] [out.png]   (Debian: apt-get install python3-matplotlib)
"""
import json
import statistics
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

source = sys.argv[1] if len(sys.argv) > 1 else "target/bench/results.jsonl"
target = sys.argv[2] if len(sys.argv) > 2 else "docs/performance.png"
runs = defaultdict(list)
for row in map(json.loads, open(source)):
    if row["scenario"] != "hash":
        runs[(row["db"], row["scenario"])].append(row)

scenarios = ["ceiling", "me", "jwks", "refresh", "login"]
labels = ["GET greeting\n(no token)", "GET /api/me\n(bearer)", "GET JWKS", "POST refresh", "POST login"]
databases = sorted({db for db, _ in runs})
width = 0.8 / len(databases)
figure, (throughput, latency) = plt.subplots(1, 2, figsize=(13, 5))
for i, db in enumerate(databases):
    xs = [x + (i - (len(databases) - 1) / 2) * width for x in range(len(scenarios))]
    rps = [statistics.median(r["rps"] for r in runs[(db, s)]) if runs[(db, s)] else 0 for s in scenarios]
    p50 = [statistics.median(r["p50_us"] for r in runs[(db, s)]) / 1000 if runs[(db, s)] else 0 for s in scenarios]
    p99 = [statistics.median(r["p99_us"] for r in runs[(db, s)]) / 1000 if runs[(db, s)] else 0 for s in scenarios]
    bars = throughput.bar(xs, rps, width, label=db)
    throughput.bar_label(bars, fmt="%.0f", fontsize=8)
    latency.bar(xs, p99, width, label=db + " p99", alpha=0.45)
    latency.bar(xs, p50, width, label=db + " p50")
for axis in (throughput, latency):
    axis.set_xticks(range(len(scenarios)), labels, fontsize=9)
    axis.legend(fontsize=8)
    axis.grid(axis="y", alpha=0.3)
throughput.set_title("Throughput (requests/s, median of runs)")
throughput.set_yscale("log")
latency.set_title("Latency (ms, median of runs)")
latency.set_yscale("log")
figure.tight_layout()
figure.savefig(target, dpi=110)
print("wrote", target)
