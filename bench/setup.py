"""Creates the benchmark user and the credentials the scenarios use.

Usage: setup.py BASE ADMIN_PASSWORD USER_PASSWORD TOKENS LOGINS OUT [SSO_SESSIONS [APP_TOKENS]]
Creates USERS users bench-0 ... (one per connection: Keycard counts a login as a failure until
it succeeds, so many parallel logins of one account would lock it, as they should).
Writes OUT/tokens.txt (TOKENS distinct access tokens, minted by refreshing four logins) and
OUT/refresh-tokens.txt (one fresh refresh token per login, LOGINS of them, over the users).

For the OpenID Connect scenarios:
- SSO_SESSIONS > 0 registers the application bench-app (a confidential client that also sends
  PKCE, as RFC 9700 advises; a registration left from before gets a new secret), and signs in
  that many users sso-0 ... at the hosted form, one SSO session each, as that many browsers would.
  Writes OUT/app-client.txt (client id, redirect URI form-encoded, Basic authorization),
  OUT/pkce.txt (256 S256 verifier and challenge pairs: hashing has no place in the load
  generator) and OUT/sso-sessions.txt (each session's keycard_sso cookie value).
- APP_TOKENS > 0 runs the code flow APP_TOKENS times over those sessions and writes the
  application access tokens (scope "openid profile roles") to OUT/app-tokens.txt.
"""
import base64
import hashlib
import json
import re
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, admin_password, user_password, tokens, logins, out = sys.argv[1:7]
tokens, logins = int(tokens), int(logins)
sso_sessions, app_tokens = (int(n) for n in (sys.argv[7:9] + ["0", "0"])[:2])


def post(path, body, token=None):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}


USERS = 64


def login(number=0):
    status, body = post("/api/auth/login", {"username": "bench-%d" % (number % USERS), "password": user_password})
    assert status == 200, status
    return body


status, admin = post("/api/auth/login", {"username": "admin", "password": admin_password})
assert status == 200, "admin login: %s" % status


def create(username):
    status, _ = post("/api/admin/users", {"username": username, "password": user_password,
                                          "roles": ["user"]}, admin["access_token"])
    assert status in (201, 409), "create user: %s" % status


with ThreadPoolExecutor(4) as pool:
    list(pool.map(create, ["bench-%d" % number for number in range(USERS)]))


def chain(count):
    """Refreshes one login count times: count distinct access tokens."""
    refresh, minted = login()["refresh_token"], []
    for _ in range(count):
        status, body = post("/api/auth/refresh", {"refresh_token": refresh})
        assert status == 200, status
        refresh = body["refresh_token"]
        minted.append(body["access_token"])
    return minted


if tokens:
    with ThreadPoolExecutor(4) as pool:
        parts = list(pool.map(chain, [tokens // 4 + (1 if i < tokens % 4 else 0) for i in range(4)]))
    with open(out + "/tokens.txt", "w") as file:
        file.writelines(token + "\n" for part in parts for token in part)
if logins:
    with ThreadPoolExecutor(4) as pool:
        fresh = list(pool.map(lambda number: login(number)["refresh_token"], range(logins)))
    with open(out + "/refresh-tokens.txt", "w") as file:
        file.writelines(token + "\n" for token in fresh)


# The OpenID Connect scenarios: a browser's requests, whose redirects are read, not followed.
APP, SCOPE = "bench-app", "openid profile roles"
REDIRECT_URI = "https://app.bench.example/callback"


class Answer(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None  # a 3xx comes back as an HTTPError, to be read


browser = urllib.request.build_opener(Answer)


def send(path, cookies, form=None, headers=None):
    """(status, headers, body) of a GET (or a form POST) with these cookies."""
    request = urllib.request.Request(base + path, headers=dict(headers or {}),
                                     data=urllib.parse.urlencode(form).encode() if form else None)
    if cookies:
        request.add_header("Cookie", "; ".join("%s=%s" % pair for pair in cookies.items()))
    try:
        with browser.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def cookie(headers, name):
    for line in headers.get_all("Set-Cookie") or []:
        if line.startswith(name + "="):
            return line[len(name) + 1:].split(";")[0]
    raise AssertionError("no %s cookie" % name)


def authorize(cookies, challenge):
    query = urllib.parse.urlencode({"response_type": "code", "client_id": APP, "redirect_uri": REDIRECT_URI,
                                    "scope": SCOPE, "state": secrets.token_urlsafe(12),
                                    "nonce": secrets.token_urlsafe(12), "code_challenge": challenge,
                                    "code_challenge_method": "S256"})
    return send("/oauth2/authorize?" + query, cookies)


def code_of(status, headers):
    assert status in (302, 303), "authorize: %s" % status
    return urllib.parse.parse_qs(urllib.parse.urlsplit(headers["Location"]).query)["code"][0]


def sign_in(number):
    """A browser signs in at the hosted form: the SSO session's cookie value."""
    status, headers, page = authorize({}, PKCE[0][1])
    assert status == 200, "sign-in form: %s" % status
    form = dict(re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page))
    form.update(username="sso-%d" % number, password=user_password)
    status, headers, _ = send("/oauth2/sign-in", {"keycard_form": cookie(headers, "keycard_form")}, form)
    assert status == 303, "sign-in: %s" % status
    return cookie(headers, "keycard_sso")


def app_token(number):
    """One code flow in a live SSO session: the application's access token."""
    verifier, challenge = PKCE[number % len(PKCE)]
    code = code_of(*authorize({"keycard_sso": SESSIONS[number % len(SESSIONS)]}, challenge)[:2])
    status, _, body = send("/oauth2/token", None, {"grant_type": "authorization_code", "code": code,
                                                   "redirect_uri": REDIRECT_URI, "code_verifier": verifier},
                           {"Authorization": BASIC})
    assert status == 200, "code exchange: %s" % status
    return json.loads(body)["access_token"]


if sso_sessions:
    status, registered = post("/api/admin/clients", {"client_id": APP, "redirect_uris": [REDIRECT_URI]},
                              admin["access_token"])
    if status == 409:
        status, registered = post("/api/admin/clients/%s/secret" % APP, {}, admin["access_token"])
    assert status in (200, 201), "register the application: %s" % status
    BASIC = "Basic " + base64.b64encode(("%s:%s" % (APP, registered["client_secret"])).encode()).decode()
    with open(out + "/app-client.txt", "w") as file:
        file.write("%s\n%s\n%s\n" % (APP, urllib.parse.quote(REDIRECT_URI, safe=""), BASIC))
    verifiers = [secrets.token_urlsafe(32) for _ in range(256)]
    PKCE = [(v, base64.urlsafe_b64encode(hashlib.sha256(v.encode()).digest()).decode().rstrip("="))
            for v in verifiers]
    with open(out + "/pkce.txt", "w") as file:
        file.writelines("%s %s\n" % pair for pair in PKCE)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(create, ["sso-%d" % number for number in range(sso_sessions)]))
        SESSIONS = list(pool.map(sign_in, range(sso_sessions)))
    with open(out + "/sso-sessions.txt", "w") as file:
        file.writelines(value + "\n" for value in SESSIONS)
if app_tokens:
    BASIC = open(out + "/app-client.txt").read().splitlines()[2]
    PKCE = [tuple(line.split()) for line in open(out + "/pkce.txt")]
    SESSIONS = open(out + "/sso-sessions.txt").read().split()
    with ThreadPoolExecutor(4) as pool:
        minted = list(pool.map(app_token, range(app_tokens)))
    with open(out + "/app-tokens.txt", "w") as file:
        file.writelines(token + "\n" for token in minted)
