package dev.keycard.it;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;

/**
 * Mints tokens for the integration tests with the TEST-ONLY key that the keycardIT server is
 * configured to sign with. A test starts from {@link #valid} and changes exactly one thing, so each
 * test proves one validation rule.
 */
final class TestTokens {

    static final String ISSUER = "http://localhost:19080";
    static final String AUDIENCE = "keycard";
    static final String ADMIN_PASSWORD = "test-only-admin-password";

    static final PrivateKey PRIVATE_KEY;
    static final PublicKey PUBLIC_KEY;
    static final String KID;

    static {
        try (InputStream in = TestTokens.class.getResourceAsStream("/liberty/keycardIT/TEST-ONLY-signing-key.p12")) {
            char[] password = "test-only-not-a-secret".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            PRIVATE_KEY = (PrivateKey) store.getKey("test-signing", password);
            PUBLIC_KEY = store.getCertificate("test-signing").getPublicKey();
            KID = new RsaJsonWebKey((RSAPublicKey) PUBLIC_KEY).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestTokens() {}

    /** Claims that the keycardIT server accepts: change one thing to make a bad token. */
    static JwtClaimsBuilder valid(String username, String... roles) {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .upn(username)
                .groups(Set.of(roles))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                // Signed in now, with a password: fresh enough for a @FreshLogin operation.
                .claim("auth_time", now.getEpochSecond())
                .claim("jti", UUID.randomUUID().toString());
    }

    static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KID).sign(PRIVATE_KEY);
    }

    static String user() {
        return sign(valid("test-user-" + UUID.randomUUID(), "user"));
    }

    static String admin() {
        return sign(valid("test-admin-" + UUID.randomUUID(), "admin"));
    }

    static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return pair.getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 signature over {@code signingInput} with the test key, for hand-built tokens. */
    static String rs256(String signingInput) {
        try {
            java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initSign(PRIVATE_KEY);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String token) {
        return decode(token.split("\\.")[0]);
    }

    static String payload(String token) {
        return decode(token.split("\\.")[1]);
    }

    static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
