"""Keycard side by side with Keycloak (and Liberty's own OpenID Connect provider) on one machine, in
one run: the same scenarios, connections, duration and warm-up against each server in alternating
rounds. See docs/performance.md, "Keycard and Keycloak".

Usage (from the repository's root; bench/run.sh --peer keycloak calls it):
  python3 bench/compare.py [--peers keycloak[,liberty-op]] [--db postgresql|h2] [--rounds 3] [--duration 20]
                           [--connections 16] [--warmup-cycles 3] [--warmup 15] [--tokens 2000]
                           [--sso-sessions 200] [--heap 512m] [--startups 3] [--scenarios "login refresh ..."]
                           [--keycloak 26.7.3] [--no-build]
Keycloak's server distribution comes from Maven Central into ~/.cache/keycard-bench (not the
repository), and runs on the Java 25 JDK. Results: target/bench/compare/results.jsonl (one line per
server, scenario and round, plus start-up and memory lines) and summary.md; bench/compare_chart.py
draws the ratios.
"""
import argparse
import base64
import hashlib
import json
import os
import secrets
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers.keycard import Keycard  # noqa: E402
from peers import keycloak  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = ["login", "refresh", "client_credentials", "introspect", "userinfo", "jwks", "authcode"]
ADMIN_PASSWORD, USER_PASSWORD = "bench-only-admin-password", "bench-only-user-password"
TICK = os.sysconf("SC_CLK_TCK")


def parse():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peers", default="keycloak")
    parser.add_argument("--db", default="postgresql", choices=["postgresql", "h2"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--warmup-cycles", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=15, help="seconds per scenario in each warm-up cycle")
    parser.add_argument("--tokens", type=int, default=2000)
    parser.add_argument("--sso-sessions", type=int, default=200)
    parser.add_argument("--heap", default="512m", help="the same -Xmx for every server")
    parser.add_argument("--startups", type=int, default=3)
    parser.add_argument("--scenarios", default=" ".join(SCENARIOS))
    parser.add_argument("--keycloak", default="26.7.3", help="keycloak-quarkus-dist version")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--smoke", action="store_true",
                        help="a few seconds of every scenario, no warm-up, H2, Keycard alone unless --peers "
                             "names peers; fails on any error (CI: keeps the harness and its scripts working)")
    parser.add_argument("--out", default=os.path.join(ROOT, "target/bench/compare"))
    options = parser.parse_args()
    if options.smoke:
        options.peers = options.peers if "--peers" in sys.argv else ""
        options.db = options.db if "--db" in sys.argv else "h2"
        options.rounds, options.duration, options.warmup_cycles, options.connections = 1, 3, 0, 8
        options.tokens, options.sso_sessions, options.startups = 200, 16, 1
    return options


def process_cpu(pid):
    """CPU seconds (user + system, every thread) a process has spent so far."""
    with open("/proc/%d/stat" % pid) as file:
        fields = file.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def database_cpu():
    """CPU seconds spent so far by every PostgreSQL process (the pools' connections live through a round)."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as file:
                    stat = file.read()
            except OSError:
                continue
            if "(postgres)" in stat:
                fields = stat.rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def machine_cpu():
    with open("/proc/stat") as file:
        fields = file.readline().split()[1:]
    return sum(int(fields[i]) for i in (0, 1, 2, 5, 6)) / TICK


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as file:
        for line in file:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def wrk(server, scenario, seconds, connections):
    threads, script, url, args = server.scenarios(connections)[scenario]
    command = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--timeout", "10s",
               "-s", os.path.join(ROOT, "bench", script), url, "--"] + args
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, BENCH_DIR=ROOT + "/bench"))
    lines = [line for line in done.stdout.splitlines() if line.startswith('{"requests"')]
    if done.returncode or not lines:
        raise RuntimeError("wrk failed for %s %s: %s %s" % (server.name, scenario, done.stdout, done.stderr))
    return json.loads(lines[-1])


def settle(servers, limit=30):
    """Waits until every server is idle (under a tenth of a core for a second): logins still queued
    for a password hash when wrk stops would otherwise run into the next measurement."""
    for _ in range(limit):
        before = sum(process_cpu(s.pid) for s in servers)
        time.sleep(1)
        if sum(process_cpu(s.pid) for s in servers) - before < 0.1:
            return


def measured(server, scenario, options, round_, record, servers):
    """One scenario against one server, with the CPU it and the database spent, as a result line."""
    if scenario == "refresh":
        server.refresh_tokens(options.connections)  # refresh tokens are spent as they rotate
    settle(servers)
    cpu, db, machine = process_cpu(server.pid), database_cpu(), machine_cpu()
    result = wrk(server, scenario, options.duration, options.connections)
    cpu, db, machine = process_cpu(server.pid) - cpu, database_cpu() - db, machine_cpu() - machine
    requests = max(result["requests"], 1)
    result.update(server=server.name, scenario=scenario, round=round_, db=options.db,
                  connections=options.connections, server_cpu_s=round(cpu, 2), db_cpu_s=round(db, 2),
                  machine_cpu_s=round(machine, 2), server_cpu_ms_per_req=round(1000 * cpu / requests, 4),
                  db_cpu_ms_per_req=round(1000 * db / requests, 4), rss_mib=round(rss_mib(server.pid)))
    record(result)


def main():
    options = parse()
    os.makedirs(options.out, exist_ok=True)
    results = open(os.path.join(options.out, "results.jsonl"), "w")

    def record(line):
        print(json.dumps(line), flush=True)
        results.write(json.dumps(line) + "\n")
        results.flush()

    if not options.no_build:
        subprocess.run(["./mvnw", "-B", "-q", "package", "liberty:create", "-DskipTests"], cwd=ROOT, check=True)
    cache = os.path.expanduser("~/.cache/keycard-bench")
    argon2 = (19456, 2, 1)  # Keycard's defaults (microprofile-config.properties), given to every peer
    servers = [Keycard(ROOT, options.out + "/keycard", options.db, USER_PASSWORD, ADMIN_PASSWORD, options.heap)]
    for peer in options.peers.split(","):
        if peer == "keycloak":
            home = keycloak.fetch(options.keycloak, cache)
            servers.append(keycloak.Keycloak(home, options.out + "/keycloak", options.db, USER_PASSWORD,
                                             ADMIN_PASSWORD, options.heap, argon2))
        elif peer == "liberty-op":
            from peers.liberty_op import LibertyOp
            # Its basic registry's strongest encoding, {hash} (PBKDF2): no Argon2id, so its logins are
            # not the same work as the others'.
            servers.append(LibertyOp(ROOT + "/target/liberty/wlp", options.out + "/liberty-op", USER_PASSWORD,
                                     options.heap, password_encoding="hash"))
        elif peer:
            sys.exit("unknown peer %s" % peer)
    scenarios = [s for s in options.scenarios.split() if s in SCENARIOS]
    verifiers = [secrets.token_urlsafe(32) for _ in range(256)]
    pkce = [(v, base64.urlsafe_b64encode(hashlib.sha256(v.encode()).digest()).decode().rstrip("="))
            for v in verifiers]
    try:
        for server in servers:
            server.fresh_database()
            print("== %s: first start (creates its schema) %.1f s" % (server.name, server.start()), flush=True)
            server.setup(options.tokens, options.sso_sessions, pkce)
        for cycle in range(options.warmup_cycles):
            for server in servers:
                for scenario in scenarios:
                    if scenario in server.scenarios(options.connections):
                        if scenario == "refresh":
                            server.refresh_tokens(options.connections)
                        wrk(server, scenario, options.warmup, options.connections)
            print("== warm-up cycle %d of %d done" % (cycle + 1, options.warmup_cycles), flush=True)
        for round_ in range(1, options.rounds + 1):
            # Scenario by scenario, each server right after the other; who goes first alternates.
            order = servers if round_ % 2 else servers[1:] + servers[:1]
            for scenario in scenarios:
                for server in order:
                    if scenario in server.scenarios(options.connections):
                        measured(server, scenario, options, round_, record, servers)
        for server in servers:
            record({"server": server.name, "scenario": "memory", "db": options.db, "heap": options.heap,
                    "rss_mib": round(rss_mib(server.pid))})
    finally:
        for server in servers:
            server.stop()
    for attempt in range(1, options.startups + 1):
        for server in servers:
            seconds = server.start()
            record({"server": server.name, "scenario": "startup", "db": options.db, "round": attempt,
                    "seconds_to_first_200": round(seconds, 2), "rss_mib": round(rss_mib(server.pid))})
            server.stop()
    results.close()
    summary = subprocess.run([sys.executable, os.path.join(ROOT, "bench/compare_summary.py"), results.name],
                             capture_output=True, text=True, check=True).stdout
    open(os.path.join(options.out, "summary.md"), "w").write(summary)
    print(summary)
    if options.smoke:
        rows = [json.loads(line) for line in open(results.name)]
        bad = [r for r in rows if r["scenario"] in SCENARIOS and (r["errors"] or not r["requests"])]
        for row in bad:
            print("FAILED:", row["server"], row["scenario"], "errors", row["errors"], "requests", row["requests"])
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
