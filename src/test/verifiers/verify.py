"""Verifies a Keycard access token the way a Python service would, knowing only the issuer URL:
discovery document -> jwks_uri -> signature, issuer, audience and expiry checked by PyJWT.
Usage: python3 verify.py <issuer> <audience> <token>; exit 0 and "valid <sub>" or exit 1."""
import json
import sys
import urllib.request

import jwt

issuer, audience, token = sys.argv[1:4]
try:
    with urllib.request.urlopen(issuer + "/.well-known/openid-configuration") as response:
        discovery = json.load(response)
    if discovery["issuer"] != issuer:
        raise ValueError("discovery names issuer " + discovery["issuer"])
    key = jwt.PyJWKClient(discovery["jwks_uri"]).get_signing_key_from_jwt(token)
    claims = jwt.decode(token, key.key, algorithms=discovery["id_token_signing_alg_values_supported"],
                        audience=audience, issuer=issuer, options={"require": ["exp", "iat", "sub"]})
    print("valid " + claims["sub"])
except Exception as error:  # any failure means: not a token this service accepts
    print("invalid " + type(error).__name__)
    sys.exit(1)
