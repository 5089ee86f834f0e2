"""Judges a soak (bench/run.sh --soak): every stream without an error, and a live heap that does not grow.

Usage: soak.py OUT. Reads OUT/results.jsonl (one line per stream) and OUT/soak-memory-*.jsonl (a sample
every 30 s); prints a Markdown summary and exits 1 if any stream had an error or answered nothing, or
if a database's last live-heap sample exceeds the median of the samples after the first two minutes
by more than 10 % or 16 MiB, whichever is larger.
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
    settled = [s["live_heap_mib"] for s in samples if s["second"] > 120] or [samples[-1]["live_heap_mib"]]
    median, last = statistics.median(settled), samples[-1]["live_heap_mib"]
    allowed = max(median * 0.10, 16)
    print("%s: live heap median %.0f MiB after the first two minutes, last %d MiB (allowed: +%.0f)" % (
        db, median, last, allowed))
    if last > median + allowed:
        failed.append("%s: the live heap grew from a median of %.0f to %d MiB" % (db, median, last))
for failure in failed:
    print("FAILED:", failure)
sys.exit(1 if failed else 0)
