#!/usr/bin/env bash
# Keycard's capacity benchmark: starts Keycard on its own port, creates its users and tokens,
# drives each scenario with wrk over loopback for a bounded time, samples the server's resident
# memory, and stops everything it started. See docs/performance.md.
#
#   bench/run.sh                      # embedded H2 and (if reachable) PostgreSQL, 3 runs of 30 s each
#   bench/run.sh --smoke              # a few seconds per scenario, H2 only; fails on any error (CI)
#   bench/run.sh --db postgresql --runs 5 --duration 60 --connections 64
#   bench/run.sh --db h2 --scenarios "ceiling me"   # only some scenarios (ceiling me userinfo jwks refresh
#                                                    # authcode login hash)
#   bench/run.sh --warmup 20                         # shorter warm-up cycles (default 75 s) for quick looks
#   bench/run.sh --sso-sessions 500                  # SSO sessions for the code flow (default 1000, smoke 32)
#   bench/run.sh --profile                           # also where the CPU goes: a JFR recording of the middle
#                                                    # half of every scenario, as target/bench/profile-*.md
#   bench/run.sh --scenarios login --login-pause 750 # measured logins paced: each connection waits 750 ms
#   bench/run.sh --soak 10 --db postgresql           # instead of the scenarios: 10 minutes of mixed load
#                                                    # (login, refresh, validation, introspection, JWKS at
#                                                    # once), the live heap sampled every 30 s; fails on any
#                                                    # error or a growing heap (target/bench/soak-*.jsonl)
#                                                    # before each request (64 connections: about 83/s)
#   bench/run.sh --peer keycloak [compare.py options] # Keycard beside Keycloak (and --peer keycloak,liberty-op
#                                                    # beside Liberty's OpenID Connect provider too), in
#                                                    # alternating rounds: bench/compare.py, whose options
#                                                    # follow (python3 bench/compare.py --help)
#
# Needs: a built tree (./mvnw -B package liberty:create -DskipTests, done here unless --no-build),
# wrk and python3; PostgreSQL on 127.0.0.1:5432 (user postgres, trust) for the PostgreSQL pass.
# Results: target/bench/results.jsonl (one JSON line per scenario and run) and
# target/bench/summary.md (medians and ratios); bench/chart.py draws the chart from them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ "${1:-}" = --peer ]; then  # the side-by-side comparison has its own options
    shift
    exec python3 bench/compare.py --peers "$@"
fi
export BENCH_DIR="$ROOT/bench"

SMOKE=false; RUNS=3; DURATION=30; CONNECTIONS=64; TOKENS=2000; DBS=""; BUILD=true; HASH_SECONDS=10
SCENARIOS="ceiling me userinfo jwks refresh authcode login hash"; WARMUP=75; PROFILE=false; LOGIN_PAUSE=0
SSO_SESSIONS=1000; SOAK=0
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) SMOKE=true; RUNS=1; DURATION=3; CONNECTIONS=8; TOKENS=200; HASH_SECONDS=2; SSO_SESSIONS=32
                 DBS=${DBS:-h2} ;;
        --runs) RUNS=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --tokens) TOKENS=$2; shift ;;
        --sso-sessions) SSO_SESSIONS=$2; shift ;;
        --db) DBS=$2; shift ;;
        --scenarios) SCENARIOS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --no-build) BUILD=false ;;
        --profile) PROFILE=true ;;
        --login-pause) LOGIN_PAUSE=$2; shift ;;
        --soak) SOAK=$2; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$DBS" ]; then
    DBS=h2
    if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then DBS="h2 postgresql"; fi
fi

command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }
if $BUILD; then
    ./mvnw -B -q package liberty:create -DskipTests
fi

WLP="$ROOT/target/liberty/wlp"
SERVER=keycardBench
PORT=19180
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/target/bench"
ADMIN_PASSWORD="bench-only-admin-password"
USER_PASSWORD="bench-only-user-password"
mkdir -p "$OUT"
: > "$OUT/results.jsonl"
PID=""

stop_server() {
    if [ -n "$PID" ]; then
        "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || kill "$PID" 2>/dev/null || true
        PID=""
    fi
}
trap stop_server EXIT

start_server() {  # $1 = database
    local db=$1 dir="$WLP/usr/servers/$SERVER"
    rm -rf "$dir"
    mkdir -p "$dir/dropins"
    cp server.xml "$dir/"
    cp target/keycard.war "$dir/dropins/"
    # BENCH_JVM_OPTIONS (one option per line) reaches the server's jvm.options, for experiments.
    [ -z "${BENCH_JVM_OPTIONS:-}" ] || printf '%s\n' "$BENCH_JVM_OPTIONS" > "$dir/jvm.options"
    # JFR records 64 frames of each stack by default; Liberty's request stacks are deeper.
    ! $PROFILE || echo "-XX:FlightRecorderOptions:stackdepth=256" >> "$dir/jvm.options"
    local url
    if [ "$db" = postgresql ]; then
        psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS keycard_bench" -c "CREATE DATABASE keycard_bench" postgres
        url="jdbc:postgresql://127.0.0.1:5432/keycard_bench"
    else
        url="jdbc:h2:file:$dir/data/keycard"
    fi
    HTTP_PORT=$PORT HTTPS_PORT=$((PORT + 363)) KEYCARD_ISSUER="$BASE" KEYCARD_DB_URL="$url" KEYCARD_DB_USER=postgres \
        KEYCARD_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" KEYCARD_HTTP_TRUSTED_PROXIES=127.0.0.1 \
        "$WLP/bin/server" start "$SERVER" >/dev/null
    PID=$(cat "$WLP/usr/servers/.pid/$SERVER.pid")
    for _ in $(seq 120); do
        curl -fs "$BASE/health/ready" >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "Keycard did not become ready; see $dir/logs/messages.log" >&2
    exit 1
}

hash_capacity() {  # $1 = run, $2 = before or after the logins
    # libargon2 through argon2-jvm and JNA, the jars the server runs it with.
    java -cp "$(ls target/keycard/WEB-INF/lib/argon2-jvm*.jar target/keycard/WEB-INF/lib/jna-*.jar | paste -sd:)" \
        bench/HashCost.java "$HASH_SECONDS" "$DB" "$1" "$2" \
        | tee -a "$OUT/results.jsonl"
}

# Seconds the server's JIT compilers have spent compiling so far (0 without jstat).
jit_seconds() {
    { jstat -compiler "$PID" 2>/dev/null || true; } | awk 'NR == 2 { print $4; found = 1 } END { if (!found) print 0 }'
}

# One pass over every path, not recorded: about $WARMUP seconds in all, in these shares (of 95).
warm_up_cycle() {
    for target in "20 2 plain.lua $BASE/api/greeting" "20 2 bearer.lua $BASE/api/me -- $OUT/tokens.txt" \
                  "10 2 bearer.lua $BASE/oauth2/userinfo -- $OUT/app-tokens.txt" \
                  "5 2 plain.lua $BASE/.well-known/jwks.json" "20 2 login.lua $BASE -- bench $USER_PASSWORD" \
                  "10 $CONNECTIONS authcode.lua $BASE -- $OUT $CONNECTIONS"; do
        set -- $target
        local seconds=$(( $1 * WARMUP / 95 + 1 )) threads=$2; shift 2
        wrk -t"$threads" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "bench/$1" "${@:2}" > /dev/null
    done
    # Refresh tokens are spent as they rotate, and access tokens expire after 15 minutes: each
    # cycle ends with fresh ones for the next.
    python3 bench/setup.py "$BASE" "$ADMIN_PASSWORD" "$USER_PASSWORD" "$TOKENS" "$CONNECTIONS" "$OUT" 0 "$TOKENS"
    wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$(( 10 * WARMUP / 95 + 1 ))s" -s bench/refresh.lua "$BASE" \
        -- "$OUT/refresh-tokens.txt" > /dev/null
    drain
}

wanted() {  # $1 = scenario
    case " $SCENARIOS " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

# Logins still queued for a password hash when wrk stops would slow the next scenario down.
drain() {
    sleep 5
}

# Liberty's connection-pool counters (vendor metrics): total seconds requests waited for a
# connection, and how many had to wait; and the size of Liberty's request thread pool. Read before
# and after each scenario, so that each result says whether the pool held anything up.
pool_counters() {
    curl -fs "$BASE/metrics?scope=vendor" | awk '
        /^connectionpool_waitTime_total_seconds/ { wait += $NF }
        /^connectionpool_queuedRequests_total/ { queued += $NF }
        /^threadpool_size/ { threads += $NF }
        END { printf "%.3f %d %d\n", wait, queued, threads }'
}

# CPU seconds so far: of the server process (user + system), and of the whole machine (every
# process and the kernel, idle and steal excluded). Their difference is wrk, the kernel's share of
# loopback networking, and PostgreSQL when it runs here.
server_cpu() {
    awk -v tck="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / tck }' "/proc/$PID/stat"
}
machine_cpu() {
    awk -v tck="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8) / tck }' /proc/stat
}

# The live heap in MiB: a full collection, then the old generation's use, where G1's full
# collection leaves everything it kept (young regions fill again at once under the soak's load, so
# they would count what was allocated after it). Resident memory also counts the heap the
# collector chose to keep committed, which grows with the allocation rate; the live heap is what
# would grow with a leak.
live_heap() {
    jcmd "$PID" GC.run > /dev/null 2>&1 || { echo 0; return; }
    { jstat -gc "$PID" 2>/dev/null || true; } | awk 'NR == 2 { printf "%.0f\n", $8 / 1024; found = 1 }
        END { if (!found) print 0 }'
}

# Runs the wrk command, sampling the server's resident set size every half second, and appends one
# JSON line to results.jsonl: wrk's numbers plus memory before, at peak and after, and the pool counters.
run_sampled() {  # $1 = scenario, $2 = run; then the wrk command
    local scenario=$1 run=$2; shift 2
    local peak=0 rss before
    before=$(ps -o rss= -p "$PID" | tr -d ' ')
    local pool_before pool_after
    pool_before=$(pool_counters)
    if $PROFILE; then  # JFR over the middle half of the scenario
        jcmd "$PID" JFR.start name=bench delay="$(( DURATION / 4 ))s" duration="$(( DURATION / 2 ))s" settings=profile \
            filename="$OUT/$DB-$scenario-$run.jfr" > /dev/null
    fi
    local cpu_before machine_before
    cpu_before=$(server_cpu); machine_before=$(machine_cpu)
    "$@" > "$OUT/wrk.out" 2>&1 &
    local wrk=$!
    while kill -0 "$wrk" 2>/dev/null; do
        rss=$(ps -o rss= -p "$PID" | tr -d ' ')
        [ "${rss:-0}" -gt "$peak" ] && peak=$rss
        sleep 0.5
    done
    wait "$wrk" || { cat "$OUT/wrk.out" >&2; exit 1; }
    local cpu_spent machine_spent
    cpu_spent=$(awk -v a="$cpu_before" -v b="$(server_cpu)" 'BEGIN { printf "%.2f", b - a }')
    machine_spent=$(awk -v a="$machine_before" -v b="$(machine_cpu)" 'BEGIN { printf "%.2f", b - a }')
    local result
    result=$(grep '^{"requests"' "$OUT/wrk.out" | tail -1)
    [ -n "$result" ] || { cat "$OUT/wrk.out" >&2; exit 1; }
    pool_after=$(pool_counters)
    local rss_after live_after
    rss_after=$(ps -o rss= -p "$PID" | tr -d ' ')
    live_after=$(live_heap)  # after reading the resident set: the full collection gives memory back
    local shares=""  # with --profile: the profile's inclusive shares, as more fields of the result line
    if $PROFILE; then
        sleep 1
        jfr print --json --stack-depth 256 --events jdk.ExecutionSample "$OUT/$DB-$scenario-$run.jfr" > "$OUT/samples.json"
        python3 bench/profile.py "$OUT/samples.json" "$OUT/shares.json" > "$OUT/profile-$DB-$scenario-$run.md"
        shares=$(sed 's/^{/,/; s/}$//' "$OUT/shares.json")
        rm -f "$OUT/samples.json" "$OUT/shares.json"
    fi
    set -- $pool_before $pool_after
    local pool_wait pool_queued
    pool_wait=$(awk -v a="$1" -v b="$4" 'BEGIN { printf "%.3f", b - a }')
    pool_queued=$(( $5 - $2 ))
    echo "${result%\}},\"scenario\":\"$scenario\",\"db\":\"$DB\",\"run\":$run,\"connections\":$CONNECTIONS,\"rss_before_kib\":$before,\"rss_peak_kib\":$peak,\"rss_after_kib\":$rss_after,\"pool_wait_s\":$pool_wait,\"pool_queued\":$pool_queued,\"executor_threads\":$6,\"server_cpu_s\":$cpu_spent,\"machine_cpu_s\":$machine_spent,\"live_heap_mib\":$live_after$shares}" \
        | tee -a "$OUT/results.jsonl"
}

# The soak: every hot path at once for SOAK minutes, at a load the machine can carry without
# queueing (so that an error means a fault, not saturation; each request may take 10 s, since the
# full collections of the memory samples stop the server for a moment), the resident set and the live heap
# sampled every 30 s. Judged at the end (bench/soak.py): no error in any stream, and a live heap
# that does not grow.
soak() {
    local seconds=$(( SOAK * 60 )) streams=() started
    started=$(date +%s)
    : > "$OUT/soak-memory-$DB.jsonl"
    BENCH_LOGIN_PAUSE_MS=250 wrk -t2 -c2 -d"${seconds}s" --timeout 10s -s bench/login.lua "$BASE" -- bench "$USER_PASSWORD" > "$OUT/soak-login.out" 2>&1 & streams+=($!)
    wrk -t4 -c4 -d"${seconds}s" --timeout 10s -s bench/refresh.lua "$BASE" -- "$OUT/refresh-tokens.txt" > "$OUT/soak-refresh.out" 2>&1 & streams+=($!)
    wrk -t1 -c4 -d"${seconds}s" --timeout 10s -s bench/bearer.lua "$BASE/api/me" -- "$OUT/tokens.txt" > "$OUT/soak-me.out" 2>&1 & streams+=($!)
    wrk -t1 -c2 -d"${seconds}s" --timeout 10s -s bench/introspect.lua "$BASE" -- "$OUT/tokens.txt" "$OUT/app-client.txt" > "$OUT/soak-introspect.out" 2>&1 & streams+=($!)
    wrk -t1 -c2 -d"${seconds}s" --timeout 10s -s bench/plain.lua "$BASE/.well-known/jwks.json" > "$OUT/soak-jwks.out" 2>&1 & streams+=($!)
    while kill -0 "${streams[0]}" 2>/dev/null; do
        sleep 30
        local rss heap
        rss=$(ps -o rss= -p "$PID" | tr -d ' ')
        heap=$(live_heap)
        echo "{\"db\":\"$DB\",\"second\":$(( $(date +%s) - started )),\"rss_kib\":$rss,\"live_heap_mib\":$heap}" \
            | tee -a "$OUT/soak-memory-$DB.jsonl"
    done
    for pid in "${streams[@]}"; do wait "$pid" || true; done
    for stream in login refresh me introspect jwks; do
        local result
        result=$(grep '^{"requests"' "$OUT/soak-$stream.out" | tail -1)
        [ -n "$result" ] || { cat "$OUT/soak-$stream.out" >&2; result='{"requests":0,"errors":-1}'; }
        echo "${result%\}},\"scenario\":\"soak-$stream\",\"db\":\"$DB\",\"minutes\":$SOAK}" | tee -a "$OUT/results.jsonl"
    done
}

for DB in $DBS; do
    echo "== $DB: starting Keycard on $BASE"
    start_server "$DB"
    if [ "$SOAK" -gt 0 ]; then
        echo "== $DB: creating the benchmark users, $TOKENS access tokens and 4 logins; then $SOAK minutes of mixed load"
        # The tokens outlive the soak (15 minutes); 4 logins carry the refresh chains; bench-app's
        # credentials (for introspection) come with a few SSO sessions.
        python3 bench/setup.py "$BASE" "$ADMIN_PASSWORD" "$USER_PASSWORD" "$TOKENS" 4 "$OUT" 4 0
        soak
        stop_server
        continue
    fi
    echo "== $DB: creating the benchmark users, $TOKENS access tokens, $CONNECTIONS logins, $SSO_SESSIONS SSO sessions and $TOKENS application tokens"
    python3 bench/setup.py "$BASE" "$ADMIN_PASSWORD" "$USER_PASSWORD" "$TOKENS" "$CONNECTIONS" "$OUT" "$SSO_SESSIONS" "$TOKENS"
    if ! $SMOKE; then
        # The JIT keeps compiling for minutes under load, and on two cores its compiler thread
        # takes CPU from the requests: measured during logins right after a short warm-up, it used
        # two thirds of a core, and each password hash took twice its CPU time in wall time. So
        # the mix of every path is repeated until one whole cycle leaves the JIT compiling for
        # less than 4 % of the cycle (jstat's compile time), or for at most 6 cycles. Measured on
        # two cores: 84, 28, 4.5, 2.7, 2.0 and 2.3 s of compiling in six cycles of about 85 s; it
        # settles at 2 to 3 s, recompilations that never quite stop.
        for cycle in $(seq 6); do
            jit_before=$(jit_seconds)
            warm_up_cycle
            jit_spent=$(awk -v a="$jit_before" -v b="$(jit_seconds)" 'BEGIN { printf "%.1f", b - a }')
            echo "== $DB: warm-up cycle $cycle of about $WARMUP s: the JIT compiled for $jit_spent s"
            awk -v spent="$jit_spent" -v cycle="$WARMUP" 'BEGIN { exit !(spent < cycle * 0.04) }' && break
        done
    fi
    for run in $(seq "$RUNS"); do
        if wanted ceiling; then
            run_sampled ceiling "$run" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/plain.lua "$BASE/api/greeting"
        fi
        if wanted me; then
            # Access tokens live 15 minutes, less than a whole run: each round gets fresh ones.
            python3 bench/setup.py "$BASE" "$ADMIN_PASSWORD" "$USER_PASSWORD" "$TOKENS" 0 "$OUT"
            run_sampled me "$run" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/bearer.lua "$BASE/api/me" -- "$OUT/tokens.txt"
        fi
        if wanted userinfo; then
            # As for /api/me, but application tokens from the code flow, which read the user too.
            python3 bench/setup.py "$BASE" "$ADMIN_PASSWORD" "$USER_PASSWORD" 0 0 "$OUT" 0 "$TOKENS"
            run_sampled userinfo "$run" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/bearer.lua "$BASE/oauth2/userinfo" -- "$OUT/app-tokens.txt"
        fi
        if wanted jwks; then
            run_sampled jwks "$run" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/plain.lua "$BASE/.well-known/jwks.json"
        fi
        if wanted refresh; then
            # One connection per wrk thread: each thread carries one login's rotating refresh token.
            python3 bench/setup.py "$BASE" "$ADMIN_PASSWORD" "$USER_PASSWORD" 0 "$CONNECTIONS" "$OUT"
            run_sampled refresh "$run" wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/refresh.lua "$BASE" -- "$OUT/refresh-tokens.txt"
        fi
        if wanted authcode; then
            # One connection per wrk thread, as for refresh: each exchange follows its own authorization.
            run_sampled authcode "$run" wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/authcode.lua "$BASE" -- "$OUT" "$CONNECTIONS"
        fi
        if wanted login; then
            # The password hash alone, on every core, while Keycard sits idle, right before and right
            # after the logins: what logins could reach on this machine at this moment.
            wanted hash && hash_capacity "$run" before
            # The warm-up logins are never paced: only the measured ones (--login-pause).
            run_sampled login "$run" env BENCH_LOGIN_PAUSE_MS="$LOGIN_PAUSE" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/login.lua "$BASE" -- bench "$USER_PASSWORD"
            drain
            wanted hash && hash_capacity "$run" after
        fi
    done
    # The password hash alone, on every core, while Keycard sits idle: what logins could reach.
    stop_server
done

if [ "$SOAK" -gt 0 ]; then
    exec python3 bench/soak.py "$OUT"
fi
python3 bench/summarize.py "$OUT/results.jsonl" > "$OUT/summary.md"
cat "$OUT/summary.md"
if $SMOKE; then
    python3 - "$OUT/results.jsonl" <<'EOF'
import json, sys
bad = [r for r in map(json.loads, open(sys.argv[1])) if r.get("errors", 0) or r.get("requests", 1) == 0]
for r in bad:
    print("FAILED:", r["scenario"], r["db"], "errors", r.get("errors"), "requests", r.get("requests"))
sys.exit(1 if bad else 0)
EOF
    echo "smoke: every scenario completed without errors"
fi
