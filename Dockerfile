# Keycard on Open Liberty, following the Open Liberty image conventions:
# configuration, then features.sh, then the application, then configure.sh.
# Build the WAR first (mvn package; it also stages the JDBC driver under target/liberty):
#   mvn -B package liberty:create && docker build -t keycard .
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal

COPY --chown=1001:0 server.xml /config/
RUN features.sh

COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/jdbc/ /opt/ol/wlp/usr/shared/resources/jdbc/
COPY --chown=1001:0 target/keycard.war /config/dropins/

# Liberty's own TLS keystore gets a random password per image build; no signing key is baked in:
# Keycard generates one on first start (kept in its database) or reads KEYCARD_KEYS_LOCATION.
RUN echo "keystore_password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >> /config/server.env

RUN configure.sh

# The embedded H2 database lives here; mount a volume to keep users and keys across containers.
VOLUME /opt/ol/wlp/output/defaultServer/data
