package dev.keycard.it;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile JWT as configured in server.xml: each bad token below differs from a valid one in
 * exactly one respect, and each must be refused.
 */
class TokenValidationIT extends KeycardIT {

    private void refused(String token) {
        api().auth()
                .oauth2(token)
                .get("api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void validUserTokenShowsTheCallersIdentity() {
        Instant issuedAt = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String token = TestTokens.sign(TestTokens.valid("alice", "user")
                .subject("subject-of-alice")
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plusSeconds(120)));
        api().auth()
                .oauth2(token)
                .get("api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("alice"))
                .body("subject", equalTo("subject-of-alice"))
                .body("roles", contains("user"))
                .body("issued_at", equalTo(issuedAt.toString()))
                .body("expires_at", equalTo(issuedAt.plusSeconds(120).toString()));
    }

    @Test
    void requestWithoutTokenIsChallenged() {
        api().get("api/me").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void adminEndpointWithoutTokenIsChallenged() {
        api().get("api/admin/users").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void expiredTokenIsRejectedOnceTheClockSkewHasPassed() {
        // 90 s ago: within Liberty's default 5-minute skew, outside Keycard's 60 s.
        refused(TestTokens.sign(TestTokens.valid("alice", "user")
                .issuedAt(Instant.now().minusSeconds(400))
                .expiresAt(Instant.now().minusSeconds(90))));
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsStillAccepted() {
        api().auth()
                .oauth2(TestTokens.sign(TestTokens.valid("alice", "user")
                        .issuedAt(Instant.now().minusSeconds(400))
                        .expiresAt(Instant.now().minusSeconds(20))))
                .get("api/me")
                .then()
                .statusCode(200);
    }

    @Test
    void tokenWithoutExpiryIsRejected() {
        String token = TestTokens.sign(TestTokens.valid("alice", "user"));
        String[] parts = token.split("\\.");
        String payload = TestTokens.payload(token).replaceAll(",?\"exp\":\\d+", "");
        // Re-signed so that the missing exp is the only defect.
        String unsigned = parts[0] + "." + TestTokens.encode(payload);
        refused(unsigned + "." + TestTokens.rs256(unsigned));
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = TestTokens.user();
        String[] parts = token.split("\\.");
        String promoted = TestTokens.payload(token).replace("\"groups\":[\"user\"]", "\"groups\":[\"admin\"]");
        refused(parts[0] + "." + TestTokens.encode(promoted) + "." + parts[2]);
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() {
        String token = TestTokens.user();
        refused(TestTokens.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1] + ".");
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() {
        refused(TestTokens.valid("alice", "user").jws().keyId(TestTokens.KID).sign(TestTokens.otherKey()));
    }

    @Test
    void rejectedTokensNeverReachTheServerLog() throws Exception {
        String token =
                TestTokens.valid("alice", "user").jws().keyId(TestTokens.KID).sign(TestTokens.otherKey());
        refused(token);
        java.nio.file.Path log =
                java.nio.file.Path.of(System.getProperty("wlp.home"), "usr/servers/keycardIT/logs/messages.log");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        org.junit.jupiter.api.Assertions.assertFalse(
                java.nio.file.Files.readString(log).contains(signature),
                "the rejected token was written to messages.log");
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        refused(TestTokens.sign(TestTokens.valid("alice", "user").issuer("https://evil.example")));
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        refused(TestTokens.sign(TestTokens.valid("alice", "user").audience("another-service")));
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsRejected() {
        // Algorithm confusion (RFC 8725 §2.1): HS256 with the RSA public key bytes as the secret.
        refused(TestTokens.valid("alice", "user")
                .jws()
                .keyId(TestTokens.KID)
                .signWithSecret(java.util.Base64.getEncoder().encodeToString(TestTokens.PUBLIC_KEY.getEncoded())));
    }

    @Test
    void userTokenIsForbiddenOnAdminEndpoint() {
        api().auth()
                .oauth2(TestTokens.user())
                .get("api/admin/users")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void adminTokenListsUsersWithoutSecrets() {
        api().auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/users")
                .then()
                .statusCode(200)
                .body("find { it.username == 'admin' }.roles", contains("admin", "user"))
                .body("find { it.username == 'admin' }.enabled", equalTo(true))
                .body("find { it.username == 'admin' }.created", not(emptyString()))
                .body(not(containsString("argon2")))
                .body(not(containsString("password")));
    }

    @Test
    void tokenInQueryParameterIsRefusedOnProtectedEndpoints() {
        api().queryParam("access_token", TestTokens.user())
                .get("api/me")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Authorization header"));
    }

    @Test
    void tokenInQueryParameterIsRefusedOnPublicEndpoints() {
        api().queryParam("access_token", TestTokens.user())
                .get("api/greeting")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Authorization header"));
    }

    @Test
    void tokenInFormFieldIsNotAccepted() {
        // Liberty can take access_token from a form-encoded POST body (RFC 6750 §2.2). Keycard must
        // not let it authenticate anyone: refused as misplaced (400) if Liberty used it, otherwise
        // treated as anonymous (401) or as the wrong content type (415) - never a created user.
        api().contentType("application/x-www-form-urlencoded")
                .formParam("access_token", TestTokens.admin())
                .formParam("username", "formuser")
                .formParam("password", "a-long-enough-password")
                .post("api/admin/users")
                .then()
                .statusCode(anyOf(equalTo(400), equalTo(401), equalTo(415)));
    }

    @Test
    void greetingIsAnonymousWithoutToken() {
        api().get("api/greeting").then().statusCode(200).body("message", equalTo("Hello, stranger!"));
    }

    @Test
    void greetingNamesTheCallerWithValidToken() {
        api().auth()
                .oauth2(TestTokens.sign(TestTokens.valid("bob", "user")))
                .get("api/greeting")
                .then()
                .statusCode(200)
                .body("message", equalTo("Hello, bob!"))
                .body("username", equalTo("bob"));
    }

    @Test
    void greetingRefusesAnInvalidTokenInsteadOfIgnoringIt() {
        api().auth()
                .oauth2(TestTokens.sign(TestTokens.valid("bob", "user").issuer("https://evil.example")))
                .get("api/greeting")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void unknownPathIsProblemJson() {
        api().get("api/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }
}
