package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditIT extends KeycardIT {

    private List<String> types(String user) {
        return given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .queryParam("user", user)
                .get("api/admin/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("type");
    }

    @Test
    void aUsersLifeIsRecordedWithoutAnySecret() throws Exception {
        String user = Accounts.create(base);
        String requestId = "audit-it-" + System.nanoTime();
        given().baseUri(base.toString())
                .header("X-Request-Id", requestId)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"wrong-password-123\"}")
                .post("api/auth/login")
                .then()
                .statusCode(401)
                .header("X-Request-Id", requestId);
        JsonPath tokens = Accounts.login(base, user);
        String refreshed = given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + tokens.getString("refresh_token") + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        given().baseUri(base.toString())
                .auth()
                .oauth2(refreshed)
                .post("api/auth/logout")
                .then()
                .statusCode(204);
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("api/admin/users/" + user)
                .then()
                .statusCode(200);

        List<String> types = types(user);
        org.hamcrest.MatcherAssert.assertThat(
                types, hasItems("user_created", "login_failure", "login_success", "refresh", "logout", "user_updated"));

        String events = given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .queryParam("user", user)
                .get("api/admin/events")
                .asString();
        assertTrue(events.contains(requestId), "the failed login's request id is recorded");
        assertTrue(events.contains("wrong_password"), "the failure reason is kept server-side");
        for (String secret : List.of(
                Accounts.PASSWORD,
                "wrong-password-123",
                tokens.getString("refresh_token"),
                tokens.getString("access_token"),
                refreshed,
                "argon2")) {
            assertFalse(events.contains(secret), "an event holds a secret");
        }
        String log =
                Files.readString(Path.of(System.getProperty("wlp.home"), "usr/servers/keycardIT/logs/messages.log"));
        assertTrue(log.contains("\"event\":\"login_success\",\"username\":\"" + user + "\""), "JSON audit line");
        for (String secret : List.of(Accounts.PASSWORD, "wrong-password-123", tokens.getString("refresh_token"))) {
            assertFalse(log.contains(secret), "the log holds a secret");
        }
    }

    @Test
    void everyKindOfSecurityEventIsRecorded() throws Exception {
        String user = Accounts.create(base);
        String from = "198.51.100.77, 192.0.2." + (System.nanoTime() % 200 + 1);
        JsonPath one = Accounts.login(base, user);
        JsonPath two = Accounts.login(base, user);
        String twoSid =
                JsonPath.from(TestTokens.payload(two.getString("access_token"))).getString("sid");
        given().baseUri(base.toString())
                .auth()
                .oauth2(one.getString("access_token"))
                .delete("api/me/sessions/" + twoSid)
                .then()
                .statusCode(204);
        given().baseUri(base.toString())
                .auth()
                .oauth2(one.getString("access_token"))
                .contentType(ContentType.JSON)
                .body("{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"another-good-password\"}")
                .post("api/me/password")
                .then()
                .statusCode(204);
        given().baseUri(base.toString())
                .contentType(ContentType.URLENC)
                .formParam("token", one.getString("access_token"))
                .post("oauth2/revoke")
                .then()
                .statusCode(200);
        JsonPath three = Accounts.login(base, user, "another-good-password");
        given().baseUri(base.toString())
                .auth()
                .oauth2(three.getString("access_token"))
                .post("api/auth/logout-all")
                .then()
                .statusCode(204);
        for (int i = 0; i < 21; i++) {
            given().baseUri(base.toString())
                    .header("X-Forwarded-For", from)
                    .contentType(ContentType.JSON)
                    .body("{\"username\":\"" + user + "\",\"password\":\"wrong-password-123\"}")
                    .post("api/auth/login");
        }
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .post("api/admin/users/" + user + "/unlock")
                .then()
                .statusCode(204);
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"password\":\"reset-by-the-admin\"}")
                .post("api/admin/users/" + user + "/password")
                .then()
                .statusCode(204);
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .delete("api/admin/users/" + user)
                .then()
                .statusCode(204);

        org.hamcrest.MatcherAssert.assertThat(
                types(user),
                hasItems(
                        "session_ended",
                        "password_changed",
                        "logout_all",
                        "account_locked",
                        "login_throttled",
                        "account_unlocked",
                        "password_reset",
                        "user_deleted"));
        List<String> revoked = given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .queryParam("type", "token_revoked")
                .get("api/admin/events")
                .jsonPath()
                .getList("detail");
        String jti =
                JsonPath.from(TestTokens.payload(one.getString("access_token"))).getString("jti");
        assertTrue(revoked.contains("access token " + jti), "RFC 7009 revocation recorded");
    }

    @Test
    void eventsCanBeFilteredByType() {
        Accounts.create(base);
        List<String> types = given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .queryParam("type", "user_created")
                .get("api/admin/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("type");
        assertFalse(types.isEmpty());
        assertTrue(types.stream().allMatch("user_created"::equals));
    }

    @Test
    void malformedOrAbsurdSinceIsABadRequest() {
        for (String since : new String[] {"yesterday", "+1000000000-01-01T00:00:00Z", "1900-01-01T00:00:00Z"}) {
            given().baseUri(base.toString())
                    .auth()
                    .oauth2(TestTokens.admin())
                    .queryParam("since", since)
                    .get("api/admin/events")
                    .then()
                    .statusCode(400);
        }
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .queryParam("limit", "lots")
                .get("api/admin/events")
                .then()
                .statusCode(400);
    }

    @Test
    void unknownEventTypeIsABadRequest() {
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .queryParam("type", "nonsense")
                .get("api/admin/events")
                .then()
                .statusCode(400);
    }

    @Test
    void eventsAreForAdministratorsOnly() {
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.user())
                .get("api/admin/events")
                .then()
                .statusCode(403);
    }
}
