"""Creates the benchmark user and the credentials the scenarios use.

Usage: setup.py BASE ADMIN_PASSWORD USER_PASSWORD TOKENS LOGINS OUT
Creates USERS users bench-0 ... (one per connection: Keycard counts a login as a failure until
it succeeds, so many parallel logins of one account would lock it, as they should).
Writes OUT/tokens.txt (TOKENS distinct access tokens, minted by refreshing four logins) and
OUT/refresh-tokens.txt (one fresh refresh token per login, LOGINS of them, over the users).
"""
import json
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, admin_password, user_password, tokens, logins, out = sys.argv[1:7]
tokens, logins = int(tokens), int(logins)


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


def create(number):
    status, _ = post("/api/admin/users", {"username": "bench-%d" % number, "password": user_password,
                                          "roles": ["user"]}, admin["access_token"])
    assert status in (201, 409), "create user: %s" % status


with ThreadPoolExecutor(4) as pool:
    list(pool.map(create, range(USERS)))


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
