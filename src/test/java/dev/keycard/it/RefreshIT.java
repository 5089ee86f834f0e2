package dev.keycard.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Refresh rotation and reuse detection. The keycardIT server runs with an 8 s family lifetime and a
 * 2 s reuse grace window, so that both are tested in seconds.
 */
class RefreshIT extends KeycardIT {

    private Response refresh(String refreshToken) {
        return api().contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + refreshToken + "\"}")
                .post("api/auth/refresh");
    }

    private void refused(Response response) {
        response.then().statusCode(401).contentType("application/problem+json").body("error", equalTo("invalid_grant"));
    }

    @Test
    void loginReturnsAnOpaqueRefreshTokenWithItsLifetime() {
        JsonPath tokens = Accounts.login(base, Accounts.create(base));
        String refresh = tokens.getString("refresh_token");
        assertTrue(refresh.matches("[A-Za-z0-9_-]{43}"), refresh);
        assertTrue(tokens.getLong("refresh_expires_in") > 0 && tokens.getLong("refresh_expires_in") <= 8);
    }

    @Test
    void refreshRotatesBothTokensAndKeepsTheLogin() {
        JsonPath first = Accounts.login(base, Accounts.create(base));
        JsonPath second = refresh(first.getString("refresh_token"))
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract()
                .jsonPath();
        assertNotEquals(first.getString("refresh_token"), second.getString("refresh_token"));
        JsonPath before = JsonPath.from(TestTokens.payload(first.getString("access_token")));
        JsonPath after = JsonPath.from(TestTokens.payload(second.getString("access_token")));
        assertEquals(before.getString("sid"), after.getString("sid"));
        assertEquals(before.getLong("auth_time"), after.getLong("auth_time"));
        assertNotEquals(before.getString("jti"), after.getString("jti"));
        api().auth()
                .oauth2(second.getString("access_token"))
                .get("api/me")
                .then()
                .statusCode(200);
        refresh(second.getString("refresh_token")).then().statusCode(200);
    }

    @Test
    void replayInsideTheGraceWindowIsRefusedWithoutRevoking() {
        JsonPath first = Accounts.login(base, Accounts.create(base));
        JsonPath second = refresh(first.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        refused(refresh(first.getString("refresh_token")));
        api().auth()
                .oauth2(second.getString("access_token"))
                .get("api/me")
                .then()
                .statusCode(200);
        refresh(second.getString("refresh_token")).then().statusCode(200);
    }

    @Test
    void reuseAfterTheGraceWindowRevokesTheWholeFamilyAndIsAudited() throws Exception {
        JsonPath first = Accounts.login(base, Accounts.create(base));
        JsonPath second = refresh(first.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Thread.sleep(2_500);
        refused(refresh(first.getString("refresh_token")));
        refused(refresh(second.getString("refresh_token")));
        api().auth()
                .oauth2(second.getString("access_token"))
                .get("api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:keycard:problem:token-revoked"));
        api().auth()
                .oauth2(first.getString("access_token"))
                .get("api/me")
                .then()
                .statusCode(401);

        String family = JsonPath.from(TestTokens.payload(first.getString("access_token")))
                .getString("sid");
        String log = java.nio.file.Files.readString(
                java.nio.file.Path.of(System.getProperty("wlp.home"), "usr/servers/keycardIT/logs/messages.log"));
        assertTrue(log.contains("Refresh token reuse detected: family " + family), "no audit event for " + family);
    }

    @Test
    void parallelRefreshesWithOneTokenGiveExactlyOneSuccess() throws Exception {
        String token = Accounts.login(base, Accounts.create(base)).getString("refresh_token");
        AtOnce.exactlyOneSucceeded(AtOnce.statuses(16, i -> () -> refresh(token).statusCode()));
    }

    @Test
    void familyDiesAtItsAbsoluteLifetimeWhateverTheRefreshes() throws InterruptedException {
        JsonPath tokens = Accounts.login(base, Accounts.create(base));
        String refresh = tokens.getString("refresh_token");
        long deadline = System.currentTimeMillis() + 8_000;
        while (System.currentTimeMillis() < deadline - 1_500) {
            JsonPath next = refresh(refresh)
                    .then()
                    .statusCode(200)
                    .body("refresh_expires_in", lessThanOrEqualTo(8))
                    .extract()
                    .jsonPath();
            refresh = next.getString("refresh_token");
            Thread.sleep(1_000);
        }
        Thread.sleep(Math.max(0, deadline - System.currentTimeMillis()) + 1_000);
        refused(refresh(refresh));
    }

    @Test
    void accessTokenIsNotAcceptedAsARefreshToken() {
        String access = Accounts.login(base, Accounts.create(base)).getString("access_token");
        refresh(access).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void refreshTokenIsNotAcceptedAsABearerToken() {
        String refresh = Accounts.login(base, Accounts.create(base)).getString("refresh_token");
        api().auth().oauth2(refresh).get("api/me").then().statusCode(401);
    }

    @Test
    void unknownRefreshTokenIsRefused() {
        refused(refresh("A".repeat(43)));
    }
}
