"""Judges a soak (bench/run.sh --soak): every stream without an error, and a live heap that does not grow.

Usage: soak.py OUT. Reads OUT/results.jsonl (one line per stream) and OUT/soak-memory-*.jsonl (a sample
every 30 s); prints a Markdown summary and exits 1 if any stream had an error or answered nothing, or
if a database's live heap grew over the run (after the first two minutes, when caches and the JIT
have settled) by more than 10 % of its median or 16 MiB, whichever is larger, by the trend of a
least-squares line through the samples.
"""
import glob
import json
import statistics
import sys

out = sys.argv[1]
streams = [json.loads(line) for line in open(out + "/results.jsonl") if '"soak-' in line]
failed = []
print("| database | stream | requests | requests/s | p50 ms | p99 ms | errors |")
print("|---|---|---:|---:|---:|---:|---:|")
for s in streams:
    print("| %s | %s | %d | %.1f | %.1f | %.1f | %d |" % (s["db"], s["scenario"][5:], s["requests"], s.get("rps", 0),
                                                         s.get("p50_us", 0) / 1000, s.get("p99_us", 0) / 1000, s["errors"]))
    if s["errors"] != 0 or s["requests"] == 0:
        failed.append("%s %s: %d errors in %d requests" % (s["db"], s["scenario"], s["errors"], s["requests"]))
for path in sorted(glob.glob(out + "/soak-memory-*.jsonl")):
    samples = [json.loads(line) for line in open(path)]
    if not samples:
        failed.append(path + ": no memory samples")
        continue
    db = samples[0]["db"]
    print()
    print("%s, every 30 s: live heap MiB %s; resident MiB %s" % (
        db, " ".join(str(s["live_heap_mib"]) for s in samples),
        " ".join(str(s["rss_kib"] // 1024) for s in samples)))
    settled = [s for s in samples if s["second"] > 120] or samples[-1:]
    heaps = [s["live_heap_mib"] for s in settled]
    median = statistics.median(heaps)
    # The trend, not one reading: a full collection under load still finds the requests in flight,
    # so single samples scatter; a leak shows as a slope.
    slope = statistics.linear_regression([s["second"] for s in settled], heaps).slope if len(settled) > 2 else 0.0
    growth = slope * (settled[-1]["second"] - settled[0]["second"])
    allowed = max(median * 0.10, 16)
    print("%s: after the first two minutes the live heap's median is %.0f MiB, range %d to %d; its trend %+.2f MiB"
          " per minute, %+.0f MiB over the run (allowed: +%.0f)" % (
              db, median, min(heaps), max(heaps), slope * 60, growth, allowed))
    if growth > allowed:
        failed.append("%s: the live heap grew by %.0f MiB (trend) from a median of %.0f" % (db, growth, median))
for failure in failed:
    print("FAILED:", failure)
sys.exit(1 if failed else 0)
