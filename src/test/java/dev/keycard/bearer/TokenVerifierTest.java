package dev.keycard.bearer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * SmallRye JWT as Keycard configures it, with real keys and real tokens: each token differs from a
 * valid one in exactly one respect, and the verdict names that respect without echoing the token.
 */
class TokenVerifierTest {

    private static final String ISSUER = "https://keycard.example";
    private static final String AUDIENCE = "keycard";
    private static final KeyPair KEY = rsa(2048);
    private static final KeyPair OTHER = rsa(2048);

    private static final TokenVerifier VERIFIER = verifier(jwks(KEY, "k1"));

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String jwks(KeyPair key, String kid) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key.getPublic());
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return "{\"keys\":[" + jwk.toJson() + "]}";
    }

    private static TokenVerifier verifier(String jwks) {
        return new TokenVerifier(ISSUER, AUDIENCE, SignatureAlgorithm.RS256, 60, jwks);
    }

    private static JwtClaimsBuilder valid() {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("subject-of-alice")
                .upn("alice")
                .groups(Set.of("user"))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300));
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("k1").sign(KEY.getPrivate());
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String token, Defect defect) {
        TokenVerifier.Verdict verdict = VERIFIER.verify(token);
        TokenVerifier.Invalid invalid = assertInstanceOf(TokenVerifier.Invalid.class, verdict);
        assertEquals(defect, invalid.defect());
    }

    @Test
    void validTokenNamesTheCallerAndRoles() {
        TokenVerifier.Valid valid = assertInstanceOf(TokenVerifier.Valid.class, VERIFIER.verify(sign(valid())));
        assertEquals("alice", valid.token().getName());
        assertEquals("subject-of-alice", valid.token().getSubject());
        assertEquals(Set.of("user"), valid.token().getGroups());
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsAccepted() {
        Instant now = Instant.now();
        String token = sign(valid().issuedAt(now.minusSeconds(400)).expiresAt(now.minusSeconds(20)));
        assertInstanceOf(TokenVerifier.Valid.class, VERIFIER.verify(token));
    }

    @Test
    void expiredTokenIsRefusedAsExpired() {
        Instant now = Instant.now();
        refused(sign(valid().issuedAt(now.minusSeconds(400)).expiresAt(now.minusSeconds(90))), Defect.EXPIRED);
    }

    @Test
    void tokenNotValidBeforeAFutureTimeIsRefusedAsNotYetValid() {
        refused(sign(valid().claim("nbf", Instant.now().plusSeconds(300).getEpochSecond())), Defect.NOT_YET_VALID);
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        refused(sign(valid().audience("another-service")), Defect.WRONG_AUDIENCE);
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        refused(sign(valid().issuer("https://evil.example")), Defect.WRONG_ISSUER);
    }

    @Test
    void tokenSignedByAnotherKeyUnderAPublishedKidIsRefused() {
        refused(valid().jws().keyId("k1").sign(OTHER.getPrivate()), Defect.BAD_SIGNATURE);
    }

    @Test
    void tokenWithAnUnknownKidIsRefused() {
        refused(valid().jws().keyId("k2").sign(OTHER.getPrivate()), Defect.BAD_SIGNATURE);
    }

    @Test
    void withdrawnKeyIsNotTrustedByTheNextVerifier() {
        String token = sign(valid());
        TokenVerifier afterWithdrawal = verifier(jwks(OTHER, "k2"));
        assertEquals(
                Defect.BAD_SIGNATURE,
                assertInstanceOf(TokenVerifier.Invalid.class, afterWithdrawal.verify(token))
                        .defect());
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = sign(valid()).split("\\.");
        String promoted = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user\"", "\"admin\"");
        refused(parts[0] + "." + encode(promoted) + "." + parts[2], Defect.BAD_SIGNATURE);
    }

    @Test
    void unsignedTokenWithAlgNoneIsRefused() {
        String payload = sign(valid()).split("\\.")[1];
        refused(encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".", Defect.BAD_SIGNATURE);
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsRefused() {
        String secret = Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());
        refused(valid().jws().keyId("k1").signWithSecret(secret), Defect.BAD_SIGNATURE);
    }

    @Test
    void keyUnder2048BitsIsNotTrusted() {
        KeyPair weak = rsa(1024);
        TokenVerifier verifier = verifier(jwks(weak, "weak"));
        // Signed by hand: SmallRye's builder refuses such a key too.
        String payload = sign(valid()).split("\\.")[1];
        String unsigned = encode("{\"alg\":\"RS256\",\"kid\":\"weak\",\"typ\":\"JWT\"}") + "." + payload;
        String token = unsigned + "." + rs256(unsigned, weak);
        assertEquals(
                Defect.BAD_SIGNATURE,
                assertInstanceOf(TokenVerifier.Invalid.class, verifier.verify(token))
                        .defect());
    }

    @Test
    void tokenWithoutUpnIsRefused() {
        Instant now = Instant.now();
        String token = Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("subject-of-alice")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                .jws()
                .keyId("k1")
                .sign(KEY.getPrivate());
        refused(token, Defect.MISSING_CLAIM);
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        String[] parts = sign(valid()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll(",?\"exp\":\\d+", "")
                .replace("{,", "{");
        String unsigned = parts[0] + "." + encode(payload);
        String token = unsigned + "." + rs256(unsigned, KEY);
        refused(token, Defect.MISSING_CLAIM);
    }

    @Test
    void textThatIsNoTokenIsRefusedAsMalformed() {
        refused("not-a-token", Defect.MALFORMED);
        refused("a.b.c", Defect.MALFORMED);
        refused(encode("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + encode("[1,2") + ".c2ln", Defect.MALFORMED);
    }

    @Test
    void clockSkewIsReadInLibertysFormAndInIso8601() {
        assertEquals(Duration.ofSeconds(60), BearerTokens.seconds("60s"));
        assertEquals(Duration.ofMinutes(1), BearerTokens.seconds("1m"));
        assertEquals(Duration.ofSeconds(30), BearerTokens.seconds("PT30S"));
        assertEquals(Duration.ofMillis(500), BearerTokens.seconds("500ms"));
    }

    private static String rs256(String signingInput, KeyPair key) {
        try {
            java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
