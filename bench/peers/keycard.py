"""Keycard, as bench/compare.py runs it beside its peers: the same WAR and server.xml as bench/run.sh."""
import base64
import os
import shutil
import signal
import subprocess
import sys
import time

from . import http

SERVER = "keycardBench"


class Keycard:
    name = "keycard"

    def __init__(self, root, out, db, user_password, admin_password, heap, port=19180):
        self.root, self.out, self.db, self.heap, self.port = root, out, db, heap, port
        self.user_password, self.admin_password = user_password, admin_password
        self.wlp = os.path.join(root, "target/liberty/wlp")
        self.dir = os.path.join(self.wlp, "usr/servers", SERVER)
        self.base = "http://127.0.0.1:%d" % port
        self.pid = None
        os.makedirs(out, exist_ok=True)

    def scenarios(self, connections):
        out = self.out
        return {
            "login": (2, "login.lua", self.base, ["bench", self.user_password]),
            "refresh": (connections, "refresh.lua", self.base, [out + "/refresh-tokens.txt"]),
            "client_credentials": (2, "clientcredentials.lua", self.base, ["/oauth2/token", self.service]),
            "introspect": (2, "introspect.lua", self.base, [out + "/tokens.txt", out + "/app-client.txt"]),
            "userinfo": (2, "bearer.lua", self.base + "/oauth2/userinfo", [out + "/app-tokens.txt"]),
            "jwks": (2, "plain.lua", self.base + "/.well-known/jwks.json", []),
            "authcode": (connections, "authcode.lua", self.base, [out, str(connections)]),
        }

    def fresh_database(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir + "/dropins")
        shutil.copy(os.path.join(self.root, "server.xml"), self.dir)
        shutil.copy(os.path.join(self.root, "target/keycard.war"), self.dir + "/dropins")
        with open(self.dir + "/jvm.options", "w") as file:
            file.write("-Xms64m\n-Xmx%s\n" % self.heap)  # the heap cap Keycloak's kc.sh sets by default
        if self.db == "postgresql":
            subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c",
                            "DROP DATABASE IF EXISTS keycard_bench", "-c", "CREATE DATABASE keycard_bench",
                            "postgres"], check=True)

    def start(self):
        url = ("jdbc:postgresql://127.0.0.1:5432/keycard_bench" if self.db == "postgresql"
               else "jdbc:h2:file:%s/data/keycard" % self.dir)
        env = dict(os.environ, HTTP_PORT=str(self.port), HTTPS_PORT=str(self.port + 363), KEYCARD_ISSUER=self.base,
                   KEYCARD_DB_URL=url, KEYCARD_DB_USER="postgres",
                   KEYCARD_BOOTSTRAP_ADMIN_PASSWORD=self.admin_password, KEYCARD_HTTP_TRUSTED_PROXIES="127.0.0.1",
                   # The lifetimes the peers get too: tokens and idle SSO sessions outlive the run.
                   KEYCARD_TOKEN_ACCESS_TTL="PT1H", KEYCARD_SSO_IDLE_TTL="PT2H",
                   # As the container image sets it (Dockerfile): fewer glibc arenas for Argon2id's memory.
                   MALLOC_ARENA_MAX="2")
        started = time.monotonic()
        subprocess.run([self.wlp + "/bin/server", "start", SERVER], env=env, check=True, stdout=subprocess.DEVNULL)
        self.pid = int(open(self.wlp + "/usr/servers/.pid/%s.pid" % SERVER).read())
        return http.first_200(self.base + "/.well-known/openid-configuration", started)

    def stop(self):
        if self.pid:
            subprocess.run([self.wlp + "/bin/server", "stop", SERVER], stdout=subprocess.DEVNULL)
            try:  # a server whose directory went away cannot be stopped by name
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.pid = None

    def _setup(self, *numbers):
        subprocess.run([sys.executable, os.path.join(self.root, "bench/setup.py"), self.base, self.admin_password,
                        self.user_password] + [str(n) for n in numbers[:2]] + [self.out]
                       + [str(n) for n in numbers[2:]], check=True)

    def setup(self, tokens, sso_sessions, pkce):
        """Users, access tokens, the application bench-app with SSO sessions and its tokens (bench/setup.py),
        and a service client for the client credentials grant."""
        self._setup(tokens, 0, sso_sessions, tokens)
        admin = http.ok(http.call(self.base + "/api/auth/login", "POST", json_body={
            "username": "admin", "password": self.admin_password}))["access_token"]
        created = http.ok(http.call(self.base + "/api/admin/clients", "POST", headers={
            "Authorization": "Bearer " + admin}, json_body={"client_id": "bench-service", "roles": ["user"]}), 201)
        self.service = "Basic " + base64.b64encode(
            ("bench-service:%s" % created["client_secret"]).encode()).decode()

    def refresh_tokens(self, n):
        self._setup(0, n)
