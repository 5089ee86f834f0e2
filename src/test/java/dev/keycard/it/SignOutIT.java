package dev.keycard.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-out, sessions, RFC 7009 revocation, fresh logins, and account changes that end sessions. */
class SignOutIT extends KeycardIT {

    private Response me(JsonPath tokens) {
        return api().auth().oauth2(tokens.getString("access_token")).get("api/me");
    }

    private Response refresh(JsonPath tokens) {
        return api().contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + tokens.getString("refresh_token") + "\"}")
                .post("api/auth/refresh");
    }

    private void signedOut(JsonPath tokens) {
        me(tokens).then().statusCode(401);
        refresh(tokens).then().statusCode(401);
    }

    private void signedIn(JsonPath tokens) {
        me(tokens).then().statusCode(200);
    }

    @Test
    void logoutRevokesTheAccessTokenAtOnceAndTheLogin() {
        String user = Accounts.create(base);
        JsonPath here = Accounts.login(base, user);
        JsonPath elsewhere = Accounts.login(base, user);
        api().auth()
                .oauth2(here.getString("access_token"))
                .post("api/auth/logout")
                .then()
                .statusCode(204);
        signedOut(here);
        signedIn(elsewhere);
    }

    @Test
    void logoutWithoutTokenIsChallenged() {
        api().post("api/auth/logout").then().statusCode(401);
    }

    @Test
    void logoutAllEndsEverySession() {
        String user = Accounts.create(base);
        JsonPath one = Accounts.login(base, user);
        JsonPath two = Accounts.login(base, user);
        api().auth()
                .oauth2(one.getString("access_token"))
                .post("api/auth/logout-all")
                .then()
                .statusCode(204);
        signedOut(one);
        signedOut(two);
    }

    @Test
    void logoutAllRevokesEveryTokenIssuedBeforeItEvenWithoutASession() {
        String user = Accounts.create(base);
        JsonPath tokens = Accounts.login(base, user);
        String subject = JsonPath.from(TestTokens.payload(tokens.getString("access_token")))
                .getString("sub");
        // No sid: only the user's "not before" time can refuse this one.
        String older = TestTokens.sign(TestTokens.valid(user, "user")
                .subject(subject)
                .issuedAt(Instant.now().minusSeconds(5)));
        api().auth().oauth2(older).get("api/me").then().statusCode(200);
        api().auth()
                .oauth2(tokens.getString("access_token"))
                .post("api/auth/logout-all")
                .then()
                .statusCode(204);
        api().auth()
                .oauth2(older)
                .get("api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:keycard:problem:token-revoked"))
                .body("detail", equalTo("The access token has been revoked."));
        signedIn(Accounts.login(base, user));
    }

    @Test
    void sessionsAreListedAndOneCanBeEnded() {
        String user = Accounts.create(base);
        JsonPath mine = Accounts.login(base, user);
        JsonPath other = Accounts.login(base, user);
        List<Map<String, Object>> sessions = api().auth()
                .oauth2(mine.getString("access_token"))
                .header("User-Agent", "SignOutIT")
                .get("api/me/sessions")
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("[0].created", containsString("T"))
                .extract()
                .jsonPath()
                .getList("$");
        String otherId = JsonPath.from(TestTokens.payload(other.getString("access_token")))
                .getString("sid");
        Map<String, Object> current = sessions.stream()
                .filter(s -> Boolean.TRUE.equals(s.get("current")))
                .findFirst()
                .orElseThrow();
        assertEquals(
                JsonPath.from(TestTokens.payload(mine.getString("access_token")))
                        .getString("sid"),
                current.get("id"));

        api().auth()
                .oauth2(mine.getString("access_token"))
                .delete("api/me/sessions/" + otherId)
                .then()
                .statusCode(204);
        signedOut(other);
        signedIn(mine);
        api().auth()
                .oauth2(mine.getString("access_token"))
                .get("api/me/sessions")
                .then()
                .body("$", hasSize(1));
    }

    @Test
    void anotherUsersSessionCannotBeEnded() {
        JsonPath victim = Accounts.login(base, Accounts.create(base));
        JsonPath attacker = Accounts.login(base, Accounts.create(base));
        String sid = JsonPath.from(TestTokens.payload(victim.getString("access_token")))
                .getString("sid");
        api().auth()
                .oauth2(attacker.getString("access_token"))
                .delete("api/me/sessions/" + sid)
                .then()
                .statusCode(404);
        signedIn(victim);
    }

    @Test
    void rfc7009RevocationOfARefreshTokenEndsItsLogin() {
        JsonPath tokens = Accounts.login(base, Accounts.create(base));
        api().contentType(ContentType.URLENC)
                .formParam("token", tokens.getString("refresh_token"))
                .formParam("token_type_hint", "refresh_token")
                .post("oauth2/revoke")
                .then()
                .statusCode(200);
        signedOut(tokens);
    }

    @Test
    void rfc7009RevocationOfAnAccessTokenRefusesItFromTheNextRequest() {
        JsonPath tokens = Accounts.login(base, Accounts.create(base));
        api().contentType(ContentType.URLENC)
                .formParam("token", tokens.getString("access_token"))
                .post("oauth2/revoke")
                .then()
                .statusCode(200);
        me(tokens).then().statusCode(401);
    }

    @Test
    void rfc7009AnswersOkForAnUnknownToken() {
        api().contentType(ContentType.URLENC)
                .formParam("token", "no-such-token")
                .post("oauth2/revoke")
                .then()
                .statusCode(200);
    }

    @Test
    void rfc7009NeedsTheTokenParameter() {
        api().contentType(ContentType.URLENC)
                .formParam("token_type_hint", "access_token")
                .post("oauth2/revoke")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void passwordChangeNeedsAFreshLogin() {
        String user = Accounts.create(base);
        String subject = JsonPath.from(
                        TestTokens.payload(Accounts.login(base, user).getString("access_token")))
                .getString("sub");
        String stale = TestTokens.sign(TestTokens.valid(user, "user")
                .subject(subject)
                .claim("auth_time", Instant.now().minusSeconds(11 * 60).getEpochSecond()));
        api().auth()
                .oauth2(stale)
                .contentType(ContentType.JSON)
                .body("{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"a-brand-new-password\"}")
                .post("api/me/password")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:fresh-login-required"))
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"));
        Accounts.login(base, user, Accounts.PASSWORD);
    }

    @Test
    void passwordChangeEndsEveryOtherSession() {
        String user = Accounts.create(base);
        JsonPath other = Accounts.login(base, user);
        JsonPath current = Accounts.login(base, user);
        api().auth()
                .oauth2(current.getString("access_token"))
                .contentType(ContentType.JSON)
                .body("{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"a-brand-new-password\"}")
                .post("api/me/password")
                .then()
                .statusCode(204);
        signedOut(other);
        signedIn(current);
        refresh(current).then().statusCode(200);
        Accounts.login(base, user, "a-brand-new-password");
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword() {
        JsonPath tokens = Accounts.login(base, Accounts.create(base));
        api().auth()
                .oauth2(tokens.getString("access_token"))
                .contentType(ContentType.JSON)
                .body("{\"current_password\":\"not-my-password\",\"new_password\":\"a-brand-new-password\"}")
                .post("api/me/password")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:keycard:problem:wrong-password"));
        signedIn(tokens);
    }

    @Test
    void aGuessableNewPasswordIsRefusedAndChangesNothing() {
        String user = Accounts.create(base);
        JsonPath other = Accounts.login(base, user);
        JsonPath tokens = Accounts.login(base, user);
        api().auth()
                .oauth2(tokens.getString("access_token"))
                .contentType(ContentType.JSON)
                .body("{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"" + user + "-2026\"}")
                .post("api/me/password")
                .then()
                .statusCode(400)
                .body("detail", containsString("new_password is too easy to guess"))
                .body("errors[0].pointer", equalTo("#/new_password"));
        signedIn(other);
        Accounts.login(base, user, Accounts.PASSWORD);
    }

    @Test
    void disablingAUserEndsTheirSessionsAndTokens() {
        String user = Accounts.create(base);
        JsonPath tokens = Accounts.login(base, user);
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("api/admin/users/" + user)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        signedOut(tokens);
    }

    @Test
    void resettingAPasswordEndsTheUsersSessionsAndTokens() {
        String user = Accounts.create(base);
        JsonPath tokens = Accounts.login(base, user);
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"password\":\"reset-by-the-admin\"}")
                .post("api/admin/users/" + user + "/password")
                .then()
                .statusCode(204);
        signedOut(tokens);
        Accounts.login(base, user, "reset-by-the-admin");
    }

    @Test
    void deletingAUserEndsTheirSessionsAndTokens() {
        String user = Accounts.create(base);
        JsonPath tokens = Accounts.login(base, user);
        api().auth()
                .oauth2(TestTokens.admin())
                .delete("api/admin/users/" + user)
                .then()
                .statusCode(204);
        signedOut(tokens);
        api().auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/users/" + user)
                .then()
                .statusCode(404);
    }

    @Test
    void theLastEnabledAdministratorCannotBeDisabled() {
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("api/admin/users/admin")
                .then()
                .statusCode(409);
    }
}
