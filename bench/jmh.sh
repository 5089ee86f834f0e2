#!/usr/bin/env bash
# JMH microbenchmarks of the hot path (src/test/java, classes named *Benchmark): token signing,
# the revocation check, and the whole validation of a request's token. Any JMH options pass
# through, e.g. bench/jmh.sh ValidationBenchmark -f 1 -wi 2 -i 3. Results: target/jmh.json.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main \
    -rf json -rff target/jmh.json "${@:-Benchmark}"
