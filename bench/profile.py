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

Besides the layers, one inclusive share: the samples with the bearer-token check anywhere on their
stack: Keycard's own (SmallRye JWT and the revocation check, from reading the header to setting the
caller), or, for a build before it, Liberty's trust-association check (mpJwt, from finding the header
to the JAAS login). With a
second argument, that share is also written there as JSON, which bench/run.sh adds to the round's
result line; bench/summarize.py turns it into the bound it sets on the authenticated GET.
"""
import collections
import json
import sys

LAYERS = [
    ("password hash (Argon2id)", ("de.mkammerer.argon2", "com.sun.jna")),
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
    ("Liberty security (mpJwt before Keycard's own check)", ("com.ibm.ws.security", "io.openliberty.security",
                                                             "com.ibm.ws.webcontainer.security")),
    ("JSON-B / JSON-P", ("org.eclipse.yasson", "org.eclipse.parsson", "org.glassfish.json")),
    ("JAX-RS (RESTEasy) and CDI (Weld)", ("org.jboss.resteasy", "org.jboss.weld")),
    ("Keycard's own code", ("dev.keycard",)),
    ("HTTP and servlet (Liberty)", ("com.ibm.ws.webcontainer", "com.ibm.ws.http", "com.ibm.ws.tcpchannel",
                                    "com.ibm.ws.channelfw", "com.ibm.ws.genericbnf", "com.ibm.io", "com.ibm.ws.bytebuffer")),
]


# Keycard's filter, and (before it) Liberty's web security, which called its trust-association
# interceptors (mpJwt's among them) through this method only. On a plain GET either finds no token
# and returns at once.
TOKEN_CHECKS = ("dev.keycard.bearer.BearerAuthentication.filter",
                "com.ibm.ws.webcontainer.security.internal.TAIAuthenticator.authenticate")


def frames(event):
    return [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".")
            for f in event["values"]["stackTrace"]["frames"]]


def main(path, shares_path=None):
    events = json.load(open(path))["recording"]["events"]
    counts = collections.Counter()
    token_check = 0
    for event in events:
        stack = frames(event)
        layer = next((name for frame in stack for name, prefixes in LAYERS if frame.startswith(prefixes)),
                     "other (JDK only)")
        counts[layer] += 1
        token_check += any(check in stack for check in TOKEN_CHECKS)
    total = len(events) or 1
    print("| layer | share of CPU samples |")
    print("|---|---:|")
    for layer, count in counts.most_common():
        print("| %s | %.1f %% |" % (layer, 100.0 * count / total))
    print()
    print("The bearer-token check (inclusive): %.1f %% of the samples"
          % (100.0 * token_check / total))
    print()
    print("%d samples" % len(events))
    if shares_path:
        with open(shares_path, "w") as out:
            json.dump({"token_check_share": round(token_check / total, 4), "samples": len(events)}, out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
