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
 * Keycard's bearer-token check (SmallRye JWT in the WAR): each bad token below differs from a
 * valid one in exactly one respect, and each must be refused with RFC 6750's challenge and a
 * problem+json body that names the defect.
 */
class TokenValidationIT extends KeycardIT {

    private void refused(String token, String because) {
        api().auth()
                .oauth2(token)
                .get("api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer realm=\"keycard\", error=\"invalid_token\""))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:keycard:problem:invalid-token"))
                .body("detail", containsString(because));
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
    void requestWithoutTokenIsChallengedWithoutAnErrorCode() {
        // RFC 6750 §3.1: a request without authentication gets the bare challenge.
        api().get("api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"keycard\""))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:keycard:problem:unauthorized"));
    }

    @Test
    void adminEndpointWithoutTokenIsChallenged() {
        api().get("api/admin/users")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"keycard\""))
                .contentType("application/problem+json");
    }

    @Test
    void anotherAuthorizationSchemeIsNotTakenForAToken() {
        // Basic belongs to the OAuth endpoints' client authentication: elsewhere it is no caller.
        api().header("Authorization", "Basic " + TestTokens.user())
                .get("api/greeting")
                .then()
                .statusCode(200)
                .body("message", equalTo("Hello, stranger!"));
        api().header("Authorization", "Basic " + TestTokens.user())
                .get("api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"keycard\""));
    }

    @Test
    void bearerSchemeWithoutATokenIsRefusedAsMalformed() {
        api().header("Authorization", "Bearer ")
                .get("api/greeting")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("detail", containsString("malformed"));
    }

    @Test
    void expiredTokenIsRejectedOnceTheClockSkewHasPassed() {
        // 90 s ago: within Liberty's default 5-minute skew, outside Keycard's 60 s.
        refused(
                TestTokens.sign(TestTokens.valid("alice", "user")
                        .issuedAt(Instant.now().minusSeconds(400))
                        .expiresAt(Instant.now().minusSeconds(90))),
                "has expired");
    }

    @Test
    void tokenNotValidBeforeAFutureTimeIsRejected() {
        refused(
                TestTokens.sign(TestTokens.valid("alice", "user")
                        .claim("nbf", Instant.now().plusSeconds(300).getEpochSecond())),
                "not valid yet");
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
        refused(unsigned + "." + TestTokens.rs256(unsigned), "lacks a claim");
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = TestTokens.user();
        String[] parts = token.split("\\.");
        String promoted = TestTokens.payload(token).replace("\"groups\":[\"user\"]", "\"groups\":[\"admin\"]");
        refused(parts[0] + "." + TestTokens.encode(promoted) + "." + parts[2], "signature");
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() {
        String token = TestTokens.user();
        refused(
                TestTokens.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1] + ".",
                "signature");
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() {
        refused(TestTokens.valid("alice", "user").jws().keyId(TestTokens.KID).sign(TestTokens.otherKey()), "signature");
    }

    @Test
    void tokenWithGarbageInsteadOfJsonIsRejectedAsMalformed() {
        refused(TestTokens.encode("{\"alg\":\"RS256\"}") + "." + TestTokens.encode("[1,2") + ".c2ln", "malformed");
    }

    @Test
    void tokensNeverReachTheServerLogsNotEvenKeycardsDebugTrace() throws Exception {
        // The keycardIT server traces Keycard's own loggers at every level (test-only.xml).
        String rejected =
                TestTokens.valid("alice", "user").jws().keyId(TestTokens.KID).sign(TestTokens.otherKey());
        refused(rejected, "signature");
        String accepted = TestTokens.user();
        api().auth().oauth2(accepted).get("api/me").then().statusCode(200);
        api().header("Authorization", "Token " + accepted).get("api/me").then().statusCode(401);
        java.nio.file.Path logs = java.nio.file.Path.of(System.getProperty("wlp.home"), "usr/servers/keycardIT/logs");
        java.util.List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(logs)) {
            files = walk.filter(java.nio.file.Files::isRegularFile).toList();
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                files.stream().anyMatch(f -> f.endsWith("trace.log")), "Keycard's trace is on: " + files);
        for (java.nio.file.Path file : files) {
            String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String token : java.util.List.of(rejected, accepted)) {
                org.junit.jupiter.api.Assertions.assertFalse(
                        text.contains(token.substring(token.lastIndexOf('.') + 1)),
                        "a token was written to " + logs.relativize(file));
            }
        }
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        refused(TestTokens.sign(TestTokens.valid("alice", "user").issuer("https://evil.example")), "another issuer");
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        refused(TestTokens.sign(TestTokens.valid("alice", "user").audience("another-service")), "another audience");
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsRejected() {
        // Algorithm confusion (RFC 8725 §2.1): HS256 with the RSA public key bytes as the secret.
        refused(
                TestTokens.valid("alice", "user")
                        .jws()
                        .keyId(TestTokens.KID)
                        .signWithSecret(
                                java.util.Base64.getEncoder().encodeToString(TestTokens.PUBLIC_KEY.getEncoded())),
                "signature");
    }

    @Test
    void userTokenIsForbiddenOnAdminEndpoint() {
        api().auth()
                .oauth2(TestTokens.user())
                .get("api/admin/users")
                .then()
                .statusCode(403)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"keycard\", error=\"insufficient_scope\""))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:keycard:problem:forbidden"));
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
        // RFC 6750 §2.2 allows a token in a form field; Keycard reads the header only, so the
        // request is anonymous (401) or of the wrong content type (415): never a created user.
        api().contentType("application/x-www-form-urlencoded")
                .formParam("access_token", TestTokens.admin())
                .formParam("username", "formuser")
                .formParam("password", "a-long-enough-password")
                .post("api/admin/users")
                .then()
                .statusCode(anyOf(equalTo(401), equalTo(415)));
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
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .contentType("application/problem+json");
    }

    @Test
    void unknownPathIsProblemJson() {
        api().get("api/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }
}
