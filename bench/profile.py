"""Where a running Keycard spends its CPU, by layer, from a JFR recording's execution samples.

    pid=$(cat target/liberty/wlp/usr/servers/.pid/keycardBench.pid)   # while bench/run.sh drives a scenario
    jcmd "$pid" JFR.start duration=20s settings=profile filename=/tmp/keycard.jfr
    jfr print --json --stack-depth 256 --events jdk.ExecutionSample /tmp/keycard.jfr > /tmp/samples.json
    python3 bench/profile.py /tmp/samples.json

Each sample counts once, for the layer of the frame nearest the top of its stack that belongs to
one of the layers below: the code that was running, with the JDK code it called (a HashMap lookup
inside JPA is JPA's). Whole stacks are needed (jfr print's default keeps 5 frames), and the
nearest frame is taken rather than any frame, because some layers wrap others (Liberty's
monitoring wraps every JDBC call). Blocked and waiting threads are not sampled: this is CPU only,
and only Java threads: the JIT compiler and the GC are not in it.
"""
import collections
import json
import sys

LAYERS = [
    ("password hash (Argon2id)", ("dev.keycard.user.Argon2id", "org.bouncycastle")),
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
        layer = next((name for frame in frames(event) for name, prefixes in LAYERS if frame.startswith(prefixes)),
                     "other (JDK only)")
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
