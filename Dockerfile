# Keycard on Open Liberty, following the Open Liberty image conventions: configuration, then
# features.sh, then the application, then configure.sh. Build the WAR and stage the JDBC drivers
# first (both land under target/):
#   ./mvnw -B package liberty:create && docker build -t keycard .
# Walkthrough for operators: docs/deploy.md.
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal

# server.xml comes before features.sh so that the features it names are installed into this layer
# at build time: the container never downloads anything when it starts.
COPY --chown=1001:0 server.xml /config/
RUN features.sh

# glibc gives each thread that allocates natively its own arena and keeps freed memory there;
# Argon2id's 19 MiB per password hash, on whichever request thread hashes, left about 280 MiB
# resident for nothing (966 against 686 MiB after the same load, docs/performance-peers.md).
ENV MALLOC_ARENA_MAX=2

# h2.jar and postgresql.jar, staged by liberty:create. They sit in Liberty's shared jdbc folder,
# not in the WAR, because server.xml's dataSource loads every jar in that folder.
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/jdbc/ /opt/ol/wlp/usr/shared/resources/jdbc/
COPY --chown=1001:0 target/keycard.war /config/dropins/

# configure.sh starts the server (with Keycard in dropins) to fill the OpenJ9 class cache. Keycard
# would then create its database under the data folder, with a first admin and a signing key, and
# that private key would ship inside the image and be copied into every new data volume. So this
# start gets a throw-away in-memory database, and in the same layer the data folder is emptied: no
# signing key is baked in; Keycard generates one on first start (kept in its database) or reads
# KEYCARD_KEYS_LOCATION. The empty data folder is owned by 1001, so a fresh volume mounted there is
# writable.
RUN KEYCARD_DB_URL='jdbc:h2:mem:image-build;DB_CLOSE_DELAY=-1' configure.sh \
    && rm -rf /opt/ol/wlp/output/defaultServer/data \
    && mkdir -p /opt/ol/wlp/output/defaultServer/data \
    && chmod g+rwx /opt/ol/wlp/output/defaultServer/data

# Configuration comes from the environment only (KEYCARD_ISSUER, KEYCARD_DB_URL, KEYCARD_DB_USER,
# KEYCARD_DB_PASSWORD, KEYCARD_KEYS_LOCATION, ...; see README "Configuration"), so one image serves
# every environment. A secret can instead arrive as a file: Liberty reads each file in
# /config/variables (its default variable source directory, ${server.config.dir}/variables) as the
# variable named after the file, and such a file wins over the environment variable. A Kubernetes
# Secret mounted there with the key keycard.db.password keeps the database password out of the
# process environment.
#
# Logs go to the console in Liberty's plain format. For log collectors, set at run time
# WLP_LOGGING_CONSOLE_FORMAT=JSON (one JSON object per line), and optionally
# WLP_LOGGING_CONSOLE_SOURCE=message,trace,accessLog,ffdc,audit; docs/deploy.md says what each holds.

# Only for the single-container case with the embedded H2 database: this folder holds the database
# (users, sessions and the generated signing keys). With PostgreSQL it stays empty.
VOLUME /opt/ol/wlp/output/defaultServer/data

EXPOSE 9080

# Ready means the database answers. Docker uses this only to report the container's health;
# Kubernetes ignores HEALTHCHECK and uses the probes in deploy/kubernetes/deployment.yaml.
# start-period covers Liberty's start (5-15 s) plus the Flyway migrations.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://localhost:9080/health/ready"]

# The base image already runs as 1001; said again so that no later edit runs Liberty as root.
USER 1001
