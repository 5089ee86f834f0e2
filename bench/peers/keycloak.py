"""Keycloak as a peer: its server distribution from Maven Central, started on loopback, configured
through its admin REST API to do the same work as Keycard in every scenario."""
import base64
import html
import os
import re
import secrets
import subprocess
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from . import http

JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64"  # Keycloak 26 needs Java 21 or later
REALM, PUBLIC, APP = "bench", "bench-public", "bench-app"
REDIRECT_URI = "https://app.bench.example/callback"
USERS = 64


def fetch(version, cache):
    """The unpacked distribution, downloaded once into cache (outside the repository) by Maven."""
    home = os.path.join(cache, "keycloak-" + version)
    if not os.path.isdir(home):
        os.makedirs(cache, exist_ok=True)
        subprocess.run(["./mvnw", "-B", "-q", "dependency:copy",
                        "-Dartifact=org.keycloak:keycloak-quarkus-dist:%s:tar.gz" % version,
                        "-DoutputDirectory=" + cache], check=True)
        archive = os.path.join(cache, "keycloak-quarkus-dist-%s.tar.gz" % version)
        subprocess.run(["tar", "xzf", archive, "-C", cache], check=True)
        os.remove(archive)
    return home


class Keycloak:
    name = "keycloak"

    def __init__(self, home, out, db, user_password, admin_password, heap, argon2, port=19181):
        self.home, self.out, self.db, self.heap, self.port = home, out, db, heap, port
        self.user_password, self.admin_password = user_password, admin_password
        self.argon2 = argon2  # (memory KiB, iterations, parallelism): Keycard's
        self.base = "http://127.0.0.1:%d" % port
        self.realm = "%s/realms/%s" % (self.base, REALM)
        self.oidc = self.realm + "/protocol/openid-connect"
        self.process, self.pid = None, None
        os.makedirs(out, exist_ok=True)

    # The paths every scenario uses, on this server.
    def scenarios(self, connections):
        path = urllib.parse.urlsplit(self.oidc).path
        token = path + "/token"
        return {
            "login": (2, "passwordgrant.lua", self.base, [token, self.user_password, "client_id=" + PUBLIC]),
            "refresh": (connections, "refresh.lua", self.base,
                        [self.out + "/refresh-tokens.txt", token, "client_id=" + PUBLIC]),
            "client_credentials": (2, "clientcredentials.lua", self.base, [token, self.basic]),
            "introspect": (2, "introspect.lua", self.base,
                           [self.out + "/tokens.txt", self.out + "/app-client.txt", token + "/introspect"]),
            "userinfo": (2, "bearer.lua", self.oidc + "/userinfo", [self.out + "/tokens.txt"]),
            "jwks": (2, "plain.lua", self.oidc + "/certs", []),
            "authcode": (connections, "authcode.lua", self.base,
                         [self.out, str(connections), path + "/auth", token]),
        }

    def _build(self):
        """kc.sh build for the database kind, once per kind (Quarkus fixes it at build time)."""
        marker = os.path.join(self.home, "bench-built-for")
        kind = "postgres" if self.db == "postgresql" else "dev-file"
        if not os.path.exists(marker) or open(marker).read() != kind:
            subprocess.run([self.home + "/bin/kc.sh", "build", "--db=" + kind, "--cache=local"], check=True,
                           env=self._env(), stdout=subprocess.DEVNULL)
            with open(marker, "w") as file:
                file.write(kind)

    def _env(self):
        memory, iterations, parallelism = self.argon2
        env = dict(os.environ, JAVA_HOME=JAVA_HOME, JAVA_OPTS_KC_HEAP="-Xms64m -Xmx" + self.heap,
                   KC_BOOTSTRAP_ADMIN_USERNAME="admin", KC_BOOTSTRAP_ADMIN_PASSWORD=self.admin_password,
                   # The password hash: Keycard's Argon2id parameters (Keycloak's default is 7 MiB, t=5).
                   KC_SPI_PASSWORD_HASHING__ARGON2__MEMORY=str(memory),
                   KC_SPI_PASSWORD_HASHING__ARGON2__ITERATIONS=str(iterations),
                   KC_SPI_PASSWORD_HASHING__ARGON2__PARALLELISM=str(parallelism))
        env.pop("JAVA_OPTS", None)
        return env

    def fresh_database(self):
        if self.db == "postgresql":
            subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c",
                            "DROP DATABASE IF EXISTS keycloak_bench", "-c", "CREATE DATABASE keycloak_bench",
                            "postgres"], check=True)
        else:
            subprocess.run(["rm", "-rf", self.home + "/data/h2"], check=True)

    def start(self):
        self._build()
        command = [self.home + "/bin/kc.sh", "start", "--optimized", "--http-enabled=true",
                   "--http-host=127.0.0.1", "--http-port=%d" % self.port, "--hostname-strict=false"]
        if self.db == "postgresql":
            command += ["--db-url=jdbc:postgresql://127.0.0.1:5432/keycloak_bench", "--db-username=postgres",
                        "--db-password=unused"]
        started = time.monotonic()
        log = open(os.path.join(self.out, "keycloak.log"), "a")
        self.process = subprocess.Popen(command, env=self._env(), stdout=log, stderr=subprocess.STDOUT)
        seconds = http.first_200(self.base + "/realms/master/.well-known/openid-configuration", started)
        # kc.sh runs the JVM as its child (and forwards signals to it): CPU and memory are the child's.
        self.pid = int(subprocess.run(["pgrep", "-P", str(self.process.pid), "java"], capture_output=True,
                                      text=True, check=True).stdout.split()[0])
        return seconds

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(60)
            self.process = None

    def _admin(self, method, path, body=None, statuses=(200, 201, 204)):
        answer = http.call(self.base + "/admin/realms" + path, method, json_body=body,
                           headers={"Authorization": "Bearer " + self._admin_token()})
        assert answer[0] in statuses, "%s %s: %s %s" % (method, path, answer[0], answer[2][:300])
        return answer

    def _admin_token(self):
        if not getattr(self, "_token", None) or self._token_until < time.monotonic():
            body = http.ok(http.call(self.base + "/realms/master/protocol/openid-connect/token", "POST", form={
                "grant_type": "password", "client_id": "admin-cli", "username": "admin",
                "password": self.admin_password}))
            self._token, self._token_until = body["access_token"], time.monotonic() + 30
        return self._token

    def setup(self, tokens, sso_sessions, pkce):
        """The realm, its two clients and users, the tokens and SSO sessions the scenarios use."""
        if http.call(self.realm)[0] == 200:
            self._admin("DELETE", "/" + REALM)
        self._admin("POST", "", {
            "realm": REALM, "enabled": True,
            # The same lifetimes as the benchmark gives Keycard: access tokens and idle SSO sessions
            # outlive the run; refresh tokens rotate, and a spent one is refused (as Keycard's are).
            "accessTokenLifespan": 3600, "ssoSessionIdleTimeout": 7200, "ssoSessionMaxLifespan": 36000,
            "revokeRefreshToken": True, "refreshTokenMaxReuse": 0,
            # Keycard writes an audit record for every login, client credentials token and code
            # exchange; so Keycloak stores its events of those kinds (by default it stores none).
            # Keycloak also counts a code flow in a live SSO session as a LOGIN (Keycard does not).
            "eventsEnabled": True, "enabledEventTypes": ["LOGIN", "CLIENT_LOGIN", "CODE_TO_TOKEN"],
            "passwordPolicy": "hashAlgorithm(argon2)"})
        self.secret = secrets.token_urlsafe(24)
        self._admin("POST", "/%s/clients" % REALM, {
            "clientId": APP, "secret": self.secret, "publicClient": False, "standardFlowEnabled": True,
            "directAccessGrantsEnabled": False, "serviceAccountsEnabled": True, "redirectUris": [REDIRECT_URI],
            "attributes": {"pkce.code.challenge.method": "S256"}})
        self._admin("POST", "/%s/clients" % REALM, {
            "clientId": PUBLIC, "publicClient": True, "standardFlowEnabled": False,
            "directAccessGrantsEnabled": True,
            # Keycloak answers active:false to an introspecting client outside the token's audience.
            "protocolMappers": [{"name": "bench-app audience", "protocol": "openid-connect",
                                 "protocolMapper": "oidc-audience-mapper",
                                 "config": {"included.client.audience": APP, "access.token.claim": "true",
                                            "id.token.claim": "false"}}]})
        self.basic = "Basic " + base64.b64encode(("%s:%s" % (APP, self.secret)).encode()).decode()
        with open(self.out + "/app-client.txt", "w") as file:
            file.write("%s\n%s\n%s\n" % (APP, urllib.parse.quote(REDIRECT_URI, safe=""), self.basic))
        names = ["bench-%d" % n for n in range(USERS)] + ["sso-%d" % n for n in range(sso_sessions)]
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(self._user, names))
        self.pkce = pkce
        with open(self.out + "/pkce.txt", "w") as file:
            file.writelines("%s %s\n" % pair for pair in pkce)
        with ThreadPoolExecutor(2) as pool:
            cookies = list(pool.map(self._sign_in, range(sso_sessions)))
        with open(self.out + "/sso-sessions.txt", "w") as file:
            file.writelines(line + "\n" for line in cookies)
        with ThreadPoolExecutor(4) as pool:
            parts = list(pool.map(self._chain, [tokens // 4 + (1 if i < tokens % 4 else 0) for i in range(4)]))
        with open(self.out + "/tokens.txt", "w") as file:
            file.writelines(token + "\n" for part in parts for token in part)

    def _user(self, username):
        self._admin("POST", "/%s/users" % REALM, {
            "username": username, "enabled": True, "email": username + "@bench.example", "emailVerified": True,
            "firstName": "Bench", "lastName": username,
            "credentials": [{"type": "password", "value": self.user_password, "temporary": False}]})

    def _login(self, number, scope="openid"):
        form = {"grant_type": "password", "client_id": PUBLIC, "username": "bench-%d" % (number % USERS),
                "password": self.user_password}
        if scope:
            form["scope"] = scope
        return http.ok(http.call(self.oidc + "/token", "POST", form=form))

    def _chain(self, count):
        """Refreshes one login count times: count distinct access tokens (scope openid, for userinfo)."""
        refresh, minted = self._login(0)["refresh_token"], []
        for _ in range(count):
            body = http.ok(http.call(self.oidc + "/token", "POST", form={
                "grant_type": "refresh_token", "client_id": PUBLIC, "refresh_token": refresh}))
            refresh = body["refresh_token"]
            minted.append(body["access_token"])
        return minted

    def refresh_tokens(self, n):
        with ThreadPoolExecutor(2) as pool:
            fresh = list(pool.map(lambda number: self._login(number, "")["refresh_token"], range(n)))
        with open(self.out + "/refresh-tokens.txt", "w") as file:
            file.writelines(token + "\n" for token in fresh)

    def _sign_in(self, number):
        """A browser signs in at Keycloak's login page: its SSO cookies as one Cookie header value."""
        query = urllib.parse.urlencode({"response_type": "code", "client_id": APP, "redirect_uri": REDIRECT_URI,
                                        "scope": "openid", "state": "s", "code_challenge": self.pkce[0][1],
                                        "code_challenge_method": "S256"})
        status, headers, page = http.call(self.oidc + "/auth?" + query)
        assert status == 200, "login page: %s" % status
        form = re.search(r'<form[^>]*id="kc-form-login"[^>]*>', page).group(0)
        action = html.unescape(re.search(r'action="([^"]+)"', form).group(1))
        status, headers, _ = http.call(action, "POST", cookies=http.cookies_set(headers), form={
            "username": "sso-%d" % number, "password": self.user_password, "credentialId": ""})
        assert status == 302 and "code=" in headers["Location"], "sign-in: %s" % status
        kept = http.cookies_set(headers)
        return "; ".join("%s=%s" % (name, kept[name]) for name in ("KEYCLOAK_IDENTITY", "KEYCLOAK_SESSION")
                         if name in kept)
