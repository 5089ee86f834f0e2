"""Where a running Keycard spends its CPU, by layer, from a JFR recording's execution samples.

    pid=$(cat target/liberty/wlp/usr/servers/.pid/keycardBench.pid)   # while bench/run.sh drives a scenario
    jcmd "$pid" JFR.start duration=20s settings=profile filename=/tmp/keycard.jfr
    jfr print --json --events jdk.ExecutionSample /tmp/keycard.jfr > /tmp/samples.json
    python3 bench/profile.py /tmp/samples.json

Each sample is counted once, in the first layer of the list below that appears anywhere in its
stack, so the database engine's time is not also JPA's, and Keycard's own code gets only what no
library below it took. Blocked and waiting threads are not sampled: this is CPU only.
"""
import collections
import json
import sys

LAYERS = [
    ("password hash (Argon2id)", ("org.bouncycastle",)),
    ("signature (RSA/EC arithmetic)", ("sun.security.rsa", "sun.security.ec", "java.math.", "sun.security.util.math")),
    ("database engine (H2, in process)", ("org.h2",)),
    ("JDBC driver (PostgreSQL)", ("org.postgresql",)),
    ("JPA (EclipseLink)", ("org.eclipse.persistence",)),
    ("connection pool and transactions (Liberty)", ("com.ibm.ejs.j2c", "com.ibm.ws.rsadapter", "com.ibm.tx", "com.ibm.ws.tx",
                                                    "com.ibm.ws.uow")),
    ("logging (audit lines)", ("com.ibm.ws.logging", "java.util.logging")),
    ("JWT parsing and building (jose4j, smallrye-jwt)", ("io.smallrye.jwt", "org.jose4j")),
    ("MicroProfile Config lookups", ("io.smallrye.config", "io.smallrye.common.expression")),
    ("request metrics (Liberty monitor, MP Metrics)", ("io.smallrye.metrics", "io.openliberty.microprofile.metrics",
                                                       "com.ibm.ws.monitor", "com.ibm.websphere.monitor",
                                                       "io.openliberty.http.monitor", "io.micrometer")),
    ("Liberty security and mpJwt", ("com.ibm.ws.security", "io.openliberty.security", "com.ibm.ws.webcontainer.security")),
    ("JSON-B / JSON-P", ("org.eclipse.yasson", "org.eclipse.parsson", "org.glassfish.json")),
    ("JAX-RS (RESTEasy) and CDI (Weld)", ("org.jboss.resteasy", "org.jboss.weld")),
    ("Keycard's own code", ("dev.keycard",)),
    ("HTTP and servlet (Liberty)", ("com.ibm.ws.webcontainer", "com.ibm.ws.http", "com.ibm.ws.tcpchannel",
                                    "com.ibm.ws.channelfw", "com.ibm.ws.genericbnf", "com.ibm.io", "com.ibm.ws.bytebuffer")),
]


def frames(event):
    return [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".")
            for f in event["values"]["stackTrace"]["frames"]]


def main(path):
    events = json.load(open(path))["recording"]["events"]
    counts = collections.Counter()
    for event in events:
        stack = frames(event)
        layer = next((name for name, prefixes in LAYERS if any(f.startswith(prefixes) for f in stack)),
                     "other (JDK, threads, GC)")
        counts[layer] += 1
    total = len(events) or 1
    print("| layer | share of CPU samples |")
    print("|---|---:|")
    for layer, count in counts.most_common():
        print("| %s | %.1f %% |" % (layer, 100.0 * count / total))
    print()
    print("%d samples" % len(events))


if __name__ == "__main__":
    main(sys.argv[1])
