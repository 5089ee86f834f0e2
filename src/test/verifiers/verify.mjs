// Verifies a Keycard access token the way a Node service would, knowing only the issuer URL:
// discovery document -> jwks_uri -> signature, issuer, audience and expiry checked by `jose`.
// Usage: node verify.mjs <issuer> <audience> <token>; exit 0 and "valid <sub>" or exit 1.
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [issuer, audience, token] = process.argv.slice(2);
try {
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  if (discovery.issuer !== issuer) throw new Error(`discovery names issuer ${discovery.issuer}`);
  const keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const { payload } = await jwtVerify(token, keys, {
    issuer,
    audience,
    algorithms: discovery.id_token_signing_alg_values_supported,
    requiredClaims: ['exp', 'iat', 'sub'],
  });
  console.log(`valid ${payload.sub}`);
} catch (e) {
  console.log(`invalid ${e.code ?? e.message}`);
  process.exit(1);
}
