"""A relying party that signs a user in to Keycard with the OpenID Connect authorization code flow
and PKCE, written the way an Authlib user would write one: Authlib's OAuth2Session builds the
authorization request and talks to the token endpoint, and Authlib's own ID token checks
(CodeIDToken: signature, iss, aud, exp, iat, nonce, azp, at_hash) decide whether to believe the
ID token. A requests Session plays the browser: it keeps cookies, follows no redirect (the
redirect_uri is only read, never visited) and fills in Keycard's hosted sign-in form. Nothing here knows Keycard beyond its issuer URL, the client's
registration and the user's credentials.

Usage: python3 authlib_rp.py <issuer> <client_id> <client_secret> <redirect_uri> <username> <password>
Prints one line per check ("ok ..." or "FAILED ..."); exits 0 only if every check passed. Never
prints a token, a code or a secret.
"""
import http.cookiejar
import secrets
import sys
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, JsonWebToken
from authlib.jose.errors import InvalidClaimError, JoseError
from authlib.oidc.core import CodeIDToken

# The ID token's algorithm is pinned to the one the client expects (OpenID Connect Core 1.0
# §3.1.3.7: RS256 unless registered otherwise); authlib.jose.jwt would try every algorithm it knows.
ID_TOKEN_ALGORITHM = "RS256"
SCOPE = "openid profile"


class Failed(Exception):
    pass


def check(condition, what, detail=None):
    if not condition:
        raise Failed(what + (" (" + detail + ")" if detail else ""))
    print("ok " + what, flush=True)


class HiddenInputs(HTMLParser):
    """The sign-in form's action and its hidden inputs (the request, the anti-forgery value)."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}
        self.inputs = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attrs.get("action")
        elif tag == "input" and attrs.get("name"):
            self.inputs.add(attrs["name"])
            if attrs.get("type") == "hidden":
                self.fields[attrs["name"]] = attrs.get("value") or ""


class LocalhostIsSecure(http.cookiejar.DefaultCookiePolicy):
    """Sends Secure cookies to http://localhost too, as browsers do (a potentially trustworthy
    origin): Keycard's cookies are Secure by default, also on a plain-HTTP local server, and
    Python's cookie jar keeps Secure cookies to https alone."""

    def return_ok_secure(self, cookie, request):
        host = urlsplit(request.get_full_url()).hostname
        return host in ("localhost", "127.0.0.1", "::1") or super().return_ok_secure(cookie, request)


class Browser(requests.Session):
    """The user's browser: keeps Keycard's cookies and sends them back by LocalhostIsSecure."""

    def __init__(self):
        super().__init__()
        self.cookies.set_policy(LocalhostIsSecure())

    def prepare_request(self, request):
        prepared = super().prepare_request(request)
        # requests builds the Cookie header from a copy of the jar with the default policy: build
        # it from the jar itself, so that its policy applies.
        prepared.headers.pop("Cookie", None)
        prepared.prepare_cookies(self.cookies)
        return prepared


def validate_id_token(id_token, jwks, issuer, client_id, access_token, nonce):
    """Authlib's checks of an ID token from the code flow; raises JoseError if it is not valid."""
    claims_options = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
        "iat": {"essential": True},
        "at_hash": {"essential": True},
    }
    if nonce is not None:
        claims_options["nonce"] = {"essential": True}
    claims = JsonWebToken([ID_TOKEN_ALGORITHM]).decode(
        id_token,
        jwks,
        claims_cls=CodeIDToken,
        claims_options=claims_options,
        claims_params={"nonce": nonce, "client_id": client_id, "access_token": access_token},
    )
    claims.validate()
    return claims


def main(issuer, client_id, client_secret, redirect_uri, username, password):
    # Discovery: everything else comes from the issuer URL.
    discovery = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=30)
    discovery.raise_for_status()
    metadata = discovery.json()
    check(metadata.get("issuer") == issuer, "discovery names the issuer")
    check(
        "S256" in metadata.get("code_challenge_methods_supported", [])
        and ID_TOKEN_ALGORITHM in metadata.get("id_token_signing_alg_values_supported", []),
        "discovery offers PKCE S256 and " + ID_TOKEN_ALGORITHM + " ID tokens",
    )
    jwks = JsonWebKey.import_key_set(requests.get(metadata["jwks_uri"], timeout=30).json())

    client = OAuth2Session(
        client_id,
        client_secret,
        scope=SCOPE,
        redirect_uri=redirect_uri,
        token_endpoint_auth_method="client_secret_basic",
        code_challenge_method="S256",
        default_timeout=30,
    )
    nonce = secrets.token_urlsafe(24)
    code_verifier = secrets.token_urlsafe(48)
    url, state = client.create_authorization_url(
        metadata["authorization_endpoint"], nonce=nonce, code_verifier=code_verifier
    )

    # The browser: the hosted form, then the sign-in that redirects back with the code.
    agent = Browser()
    page = agent.get(url, allow_redirects=False, timeout=30)
    form = HiddenInputs()
    form.feed(page.text)
    check(
        page.status_code == 200 and {"username", "password", "csrf"} <= form.inputs and form.action,
        "the authorization endpoint shows the sign-in form",
        "HTTP " + str(page.status_code),
    )
    fields = dict(form.fields, username=username, password=password)
    answer = agent.post(urljoin(page.url, form.action), data=fields, allow_redirects=False, timeout=30)
    location = answer.headers.get("Location", "")
    check(
        answer.status_code in (302, 303) and location.startswith(redirect_uri + "?"),
        "signing in redirects to the redirect_uri",
        "HTTP " + str(answer.status_code),
    )
    response = {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}
    check("error" not in response and response.get("code"), "the redirect carries a code")
    check(response.get("state") == state, "the redirect's state is the one sent")
    check(response.get("iss") == issuer, "the redirect's iss is the issuer (RFC 9207)")

    # The back channel: Authlib redeems the code with the verifier, authenticating with Basic.
    token = client.fetch_token(
        metadata["token_endpoint"],
        grant_type="authorization_code",
        code=response["code"],
        code_verifier=code_verifier,
    )
    check(
        token.get("token_type", "").lower() == "bearer" and token.get("access_token") and token.get("id_token"),
        "the code is exchanged for tokens with the code_verifier",
    )
    claims = validate_id_token(token["id_token"], jwks, issuer, client_id, token["access_token"], nonce)
    check(True, "Authlib validates the ID token: signature, iss, aud, exp, iat, nonce, azp, at_hash")
    check(claims.header.get("kid") and jwks.find_by_kid(claims.header["kid"]), "the ID token names its key (kid)")
    check(
        claims.get("azp") == client_id and claims.get("sid") and claims.get("auth_time"),
        "the ID token has azp, sid and auth_time",
    )

    # The library must refuse what it should: an ID token for another sign-in (another nonce).
    try:
        validate_id_token(token["id_token"], jwks, issuer, client_id, token["access_token"], nonce + "x")
        refused = False
    except InvalidClaimError as error:
        refused = error.description == 'Invalid claim "nonce"'
    check(refused, "Authlib refuses the ID token when another nonce is expected")

    userinfo = client.get(metadata["userinfo_endpoint"])
    check(
        userinfo.status_code == 200 and userinfo.json().get("sub") == claims["sub"],
        "userinfo with the access token names the same sub",
        "HTTP " + str(userinfo.status_code),
    )

    refreshed = client.refresh_token(metadata["token_endpoint"], refresh_token=token["refresh_token"])
    check(
        refreshed.get("refresh_token") and refreshed["refresh_token"] != token["refresh_token"],
        "refreshing rotates the refresh token",
    )
    again = validate_id_token(refreshed["id_token"], jwks, issuer, client_id, refreshed["access_token"], None)
    check(
        again["sub"] == claims["sub"] and "nonce" not in again,
        "the refreshed ID token is valid for the same sub, without a nonce",
    )


if __name__ == "__main__":
    if len(sys.argv) != 7:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    try:
        main(*sys.argv[1:7])
    except Failed as failure:
        print("FAILED " + str(failure))
        sys.exit(1)
    except JoseError as error:  # Authlib refused a token: its description names the claim, never a value
        print("FAILED " + type(error).__name__ + " " + (error.description or ""))
        sys.exit(1)
    except Exception as error:  # whatever else went wrong, the flow did not work
        # The type and the OAuth error code only: a message could quote a response or a token.
        print("FAILED " + " ".join(filter(None, [type(error).__name__, str(getattr(error, "error", "") or "")])))
        sys.exit(1)
    print("all checks passed")
