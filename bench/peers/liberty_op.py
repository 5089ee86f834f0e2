"""Open Liberty's own OpenID Connect provider (openidConnectServer-1.0) as a benchmark peer of Keycard.

Starts the server of bench/peers/liberty-op/server.xml as wlp/usr/servers/libertyOpBench on
http://127.0.0.1:19182, and writes the files the wrk scenarios read: client.txt, tokens.txt and
refresh-tokens.txt. Standard library only.

    op = LibertyOp("target/liberty/wlp", "target/bench/liberty-op", "bench-only-user-password")
    print(op.start(), "s to the first discovery document")
    op.setup(2000)           # client.txt and 2000 access tokens
    op.refresh_tokens(64)    # refresh-tokens.txt, one login each
    ...
    op.stop()

The client secret and the keystore password are bench-only values made up here unless given;
they reach Liberty as environment variables of the server process, never a file in the tree.
"""

import base64
import json
import os
import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_XML = os.path.join(HERE, "liberty-op", "server.xml")
SERVER = "libertyOpBench"
BASE = "http://127.0.0.1:19182"
PROVIDER = BASE + "/oidc/endpoint/OP"
USERS = 64  # bench-0 ... bench-63, as in server.xml


class LibertyOp:
    name = "liberty-op"
    client_id = "bench-app"
    urls = {
        "token": PROVIDER + "/token",
        "introspect": PROVIDER + "/introspect",
        "jwks": PROVIDER + "/jwk",
        "userinfo": PROVIDER + "/userinfo",
        "discovery": PROVIDER + "/.well-known/openid-configuration",
    }

    def __init__(self, wlp: str, out: str, user_password: str, heap: str = "512m",
                 client_secret: str = None, keystore_password: str = None,
                 password_encoding: str = "plain"):
        self.wlp = os.path.abspath(wlp)
        self.out = os.path.abspath(out)
        self.user_password = user_password
        self.heap = heap
        self.client_secret = client_secret or "bench-" + secrets.token_urlsafe(18)
        self.keystore_password = keystore_password or "bench-" + secrets.token_urlsafe(18)
        # "plain": the registry compares the password as given (no hash at login, the default);
        # "hash": the users' password reaches server.xml as Liberty's {hash} (PBKDF2WithHmacSHA512,
        # 6384 iterations), so that each login pays a password hash, as Keycard's Argon2id.
        if password_encoding not in ("plain", "hash"):
            raise ValueError("password_encoding is plain or hash")
        self.password_encoding = password_encoding
        self.dir = os.path.join(self.wlp, "usr", "servers", SERVER)
        self.pid = None
        self.basic = "Basic " + base64.b64encode(
            f"{self.client_id}:{self.client_secret}".encode()).decode()

    # --- the server -------------------------------------------------------------------------

    def _server(self, *args, env=None):
        return subprocess.run([os.path.join(self.wlp, "bin", "server"), *args, SERVER],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def start(self) -> float:
        """A fresh server directory, then start; seconds from launch to the first 200 of discovery."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        shutil.copy(SERVER_XML, self.dir)
        with open(os.path.join(self.dir, "jvm.options"), "w") as f:
            f.write(f"-Xms64m\n-Xmx{self.heap}\n")
        registry_password = self.user_password
        if self.password_encoding == "hash":
            registry_password = subprocess.run(
                [os.path.join(self.wlp, "bin", "securityUtility"), "encode", "--encoding=hash",
                 self.user_password], check=True, capture_output=True, text=True).stdout.strip()
        env = dict(os.environ, BENCH_USER_PASSWORD=registry_password,
                   BENCH_CLIENT_SECRET=self.client_secret,
                   BENCH_KEYSTORE_PASSWORD=self.keystore_password)
        began = time.monotonic()
        started = self._server("start", env=env)
        if started.returncode != 0:
            raise RuntimeError(f"server start {SERVER} failed: {started.stderr.strip()}; "
                               f"see {self.dir}/logs/messages.log")
        with open(os.path.join(self.wlp, "usr", "servers", ".pid", SERVER + ".pid")) as f:
            self.pid = int(f.read().strip())
        while time.monotonic() - began < 180:
            try:
                with urllib.request.urlopen(self.urls["discovery"], timeout=5) as r:
                    if r.status == 200:
                        return time.monotonic() - began
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"{SERVER} answered no discovery document; see {self.dir}/logs/messages.log")

    def stop(self) -> None:
        if os.path.isdir(self.dir):
            self._server("stop")
        if self.pid:
            try:
                os.kill(self.pid, 0)
                os.kill(self.pid, 15)
            except OSError:
                pass
            self.pid = None

    # --- the tokens -------------------------------------------------------------------------

    def _token(self, form: dict) -> dict:
        request = urllib.request.Request(
            self.urls["token"], data=urllib.parse.urlencode(form).encode(),
            headers={"Authorization": self.basic,
                     "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return json.load(r)
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"token endpoint {e.code}: {e.read()[:300]!r}") from None

    def login(self, n: int) -> dict:
        """A password grant of user bench-(n mod 64): access, refresh and ID token."""
        return self._token({"grant_type": "password", "username": f"bench-{n % USERS}",
                            "password": self.user_password, "scope": "openid profile"})

    def refresh(self, refresh_token: str) -> dict:
        return self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def fresh_database(self) -> None:
        """Nothing to clear: start() makes a new server directory, and tokens live in memory."""

    def scenarios(self, connections: int) -> dict:
        """bench/compare.py's scenarios this provider can do the same work in (no SSO code flow: its
        sign-in is the container's form login, not a page the benchmark drives)."""
        path = urllib.parse.urlsplit(PROVIDER).path
        # Its token endpoint refuses a grant without a scope (a 302 with an error).
        client = f"client_id={self.client_id}&client_secret={urllib.parse.quote(self.client_secret)}&scope=profile"
        return {
            "login": (2, "passwordgrant.lua", BASE, [path + "/token", self.user_password, client]),
            "refresh": (connections, "refresh.lua", BASE,
                        [os.path.join(self.out, "refresh-tokens.txt"), path + "/token", client]),
            "client_credentials": (2, "clientcredentials.lua", BASE, [path + "/token", self.basic, "scope=profile"]),
            "introspect": (2, "introspect.lua", BASE, [os.path.join(self.out, "tokens.txt"),
                                                      os.path.join(self.out, "client.txt"), path + "/introspect"]),
            "userinfo": (2, "bearer.lua", self.urls["userinfo"], [os.path.join(self.out, "tokens.txt")]),
            "jwks": (2, "plain.lua", self.urls["jwks"], []),
        }

    def setup(self, tokens: int, sso_sessions: int = 0, pkce=None) -> None:
        """client.txt (id, a blank line, then its Basic header, as bench/introspect.lua reads it) and
        `tokens` distinct JWT access tokens."""
        os.makedirs(self.out, exist_ok=True)
        with open(os.path.join(self.out, "client.txt"), "w") as f:
            f.write(f"{self.client_id}\n\n{self.basic}\n")
        if tokens <= 0:
            return
        # Logins spread over the 64 users, 8 at a time: each a distinct token (its jti and iat).
        with ThreadPoolExecutor(8) as pool:
            access = list(pool.map(lambda n: self.login(n)["access_token"], range(tokens)))
        if len(set(access)) != len(access):
            raise RuntimeError("the provider issued the same access token twice")
        with open(os.path.join(self.out, "tokens.txt"), "w") as f:
            f.write("\n".join(access) + "\n")

    def refresh_tokens(self, n: int) -> None:
        """refresh-tokens.txt: n fresh refresh tokens, each from its own login."""
        os.makedirs(self.out, exist_ok=True)
        with ThreadPoolExecutor(8) as pool:
            refresh = list(pool.map(lambda i: self.login(i)["refresh_token"], range(n)))
        with open(os.path.join(self.out, "refresh-tokens.txt"), "w") as f:
            f.write("\n".join(refresh) + ("\n" if refresh else ""))


if __name__ == "__main__":  # a quick look: start, log in once, stop
    import sys
    op = LibertyOp(sys.argv[1] if len(sys.argv) > 1 else "target/liberty/wlp",
                   "/tmp/liberty-op-bench", "bench-only-user-password")
    try:
        print(f"started in {op.start():.1f} s, pid {op.pid}")
        op.setup(4)
        op.refresh_tokens(2)
        print(open(os.path.join(op.out, "tokens.txt")).readline()[:80], "...")
    finally:
        op.stop()
