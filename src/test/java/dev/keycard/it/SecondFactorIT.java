package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import dev.keycard.it.Applications.App;
import dev.keycard.it.SsoBrowser.Pkce;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

/**
 * Second factors through the API and the hosted page: an authenticator app's codes computed here
 * from the secret Keycard gave, as an app would; recovery codes; the policy; an administrator's
 * view and reset. Each test has a client address of its own, so the address throttle of one never
 * reaches another.
 */
class SecondFactorIT extends KeycardIT {

    private static final String PROBLEM = "application/problem+json";

    private final String address = "2001:db8:2fa:" + Integer.toHexString(new SecureRandom().nextInt(0xffff)) + "::1";

    private RequestSpecification from() {
        return api().header("X-Forwarded-For", address);
    }

    private Response login(String username, String otp) {
        return from().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + Accounts.PASSWORD + "\""
                        + (otp == null ? "" : ",\"otp\":\"" + otp + "\"") + "}")
                .post("api/auth/login");
    }

    private String token(String username, String otp) {
        return login(username, otp).then().statusCode(200).extract().path("access_token");
    }

    /** The code an app shows {@code steps} time steps from now (RFC 6238, SHA-1, 6 digits, 30 s). */
    static String code(String secret, long steps) {
        try {
            long step = Math.floorDiv(Instant.now().getEpochSecond(), 30) + steps;
            return new HmacOneTimePasswordGenerator(6)
                    .generateOneTimePasswordString(
                            new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), step, Locale.ROOT);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits out the last seconds of a time step, so that "this step" here and at the server are the
     * same one for the next few requests.
     */
    static void awayFromAStepBoundary() throws InterruptedException {
        long into = Instant.now().getEpochSecond() % 30;
        if (into > 24) {
            Thread.sleep((31 - into) * 1000);
        }
    }

    /** A user with a confirmed app: its secret and recovery codes. */
    record Enrolled(String username, String secret, List<String> recoveryCodes) {}

    private Enrolled enrolled() throws InterruptedException {
        String user = Accounts.create(base);
        String token = token(user, null);
        awayFromAStepBoundary();
        String secret = enrol(token);
        List<String> recovery = confirm(token, code(secret, 0));
        return new Enrolled(user, secret, recovery);
    }

    private String enrol(String token) {
        JsonPath enrolment = from().auth()
                .oauth2(token)
                .post("api/me/totp")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String secret = enrolment.getString("secret");
        assertTrue(enrolment.getString("uri").startsWith("otpauth://totp/Keycard:"), enrolment.getString("uri"));
        assertTrue(enrolment.getString("uri").contains("secret=" + secret + "&issuer=Keycard"));
        return secret;
    }

    private List<String> confirm(String token, String code) {
        return from().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\"}")
                .post("api/me/totp/confirm")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("recovery_codes");
    }

    private static JsonPath claims(String token) {
        return JsonPath.from(TestTokens.payload(token));
    }

    @Test
    void anEnrolledUserSignsInWithPasswordAndCodeAndTheTokensSaySo() throws InterruptedException {
        String user = Accounts.create(base);
        String token = token(user, null);
        assertEquals(List.of("pwd"), claims(token).getList("amr"));
        awayFromAStepBoundary();
        String secret = enrol(token);
        login(user, null).then().statusCode(200); // not a factor until confirmed

        from().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"code\":\"" + code(secret, 5) + "\"}")
                .post("api/me/totp/confirm")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        List<String> recovery = confirm(token, code(secret, 0));
        assertEquals(10, recovery.size());

        login(user, null)
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("urn:keycard:problem:second-factor-required"))
                .body("factors", equalTo(List.of("totp", "recovery_code")))
                .body(not(containsString("access_token")));

        // The step confirmed with is spent; the next one (one step of skew) is accepted.
        JsonPath signedIn =
                login(user, code(secret, 1)).then().statusCode(200).extract().jsonPath();
        assertEquals(
                List.of("pwd", "otp", "mfa"),
                claims(signedIn.getString("access_token")).getList("amr"));
        String refreshed = from().contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + signedIn.getString("refresh_token") + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        assertEquals(List.of("pwd", "otp", "mfa"), claims(refreshed).getList("amr"), "a refresh keeps amr");
    }

    @Test
    void settingUpAnAppEndsEverySessionOpenedWithThePasswordAlone() throws InterruptedException {
        String user = Accounts.create(base);
        JsonPath elsewhere = login(user, null).then().statusCode(200).extract().jsonPath();
        App app = Applications.confidential(base.toString(), "");
        SsoBrowser browser = new SsoBrowser(base.toString());
        Map<String, String> asked = Applications.authorizationRequest(app, Pkce.create());
        assertEquals(
                303,
                browser.signIn(browser.authorize(asked), user, Accounts.PASSWORD)
                        .statusCode());
        assertEquals(302, browser.authorize(asked).statusCode(), "the SSO session answers silently");

        String token = token(user, null);
        awayFromAStepBoundary();
        confirm(token, code(enrol(token), 0));

        from().contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + elsewhere.getString("refresh_token") + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(401);
        from().auth().oauth2(token).get("api/me").then().statusCode(200); // the session that set it up goes on
        Response again = browser.authorize(asked);
        assertEquals(200, again.statusCode(), "the application's next request asks for a sign-in");
        assertTrue(again.asString().contains("name=\"password\""));
    }

    @Test
    void aCodeWorksOnceAndOnlyWithinOneStepOfNow() throws InterruptedException {
        Enrolled user = enrolled();
        login(user.username(), code(user.secret(), 0))
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:second-factor-required"))
                .body("detail", containsString("incorrect or already used"));
        login(user.username(), code(user.secret(), 2)).then().statusCode(401);
        login(user.username(), code(user.secret(), 1)).then().statusCode(200);
        login(user.username(), code(user.secret(), 1))
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:second-factor-required"));
        login(user.username(), code(user.secret(), -1)).then().statusCode(401);
    }

    @Test
    void aCodeFromTheStepBeforeConfirmsAnApp() throws InterruptedException {
        String user = Accounts.create(base);
        String token = token(user, null);
        awayFromAStepBoundary();
        String secret = enrol(token);
        confirm(token, code(secret, -1));
        login(user, code(secret, 0)).then().statusCode(200);
    }

    @Test
    void wrongCodesCountTowardTheLockLikeWrongPasswords() throws InterruptedException {
        Enrolled user = enrolled();
        for (int i = 0; i < 5; i++) {
            login(
                            user.username(),
                            String.format("%06d", (Integer.parseInt(code(user.secret(), 1)) + 1 + i) % 1_000_000))
                    .then()
                    .statusCode(401);
        }
        login(user.username(), code(user.secret(), 1))
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:invalid-credentials"));
        List<String> types = events(user.username());
        org.hamcrest.MatcherAssert.assertThat(types, hasItems("second_factor_failure", "account_locked"));
    }

    @Test
    void aRecoveryCodeSignsInOnceTypedAnyWay() throws InterruptedException {
        Enrolled user = enrolled();
        String recovery = user.recoveryCodes().get(3);
        String token = token(user.username(), recovery.replace("-", "").toUpperCase(Locale.ROOT));
        assertEquals(List.of("pwd", "otp", "mfa"), claims(token).getList("amr"));
        login(user.username(), recovery).then().statusCode(401);
        from().auth()
                .oauth2(token)
                .get("api/me/totp")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("recovery_codes_left", equalTo(9));
        org.hamcrest.MatcherAssert.assertThat(
                events(user.username()), hasItems("second_factor_added", "recovery_code_used"));
    }

    @Test
    void malformedCodesAreRefusedBeforeAnyAccountIsLookedUp() {
        for (String otp : List.of("12345", "1234567", "12345a", "abcd-efgh", "x".repeat(5000), "１２３４５６")) {
            from().contentType(ContentType.JSON)
                    .body("{\"username\":\"admin\",\"password\":\"" + TestTokens.ADMIN_PASSWORD + "\",\"otp\":\"" + otp
                            + "\"}")
                    .post("api/auth/login")
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors[0].pointer", equalTo("#/otp"));
        }
        String token = token(Accounts.create(base), null);
        for (String body : List.of("{}", "{\"code\":\"12345\"}", "{\"code\":[1]}", "[]")) {
            from().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("api/me/totp/confirm")
                    .then()
                    .statusCode(400);
        }
        from().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"code\":\"123456\"}")
                .post("api/me/totp/confirm")
                .then()
                .statusCode(409); // nothing being set up
    }

    @Test
    void removingTheAppNeedsAFreshSignInThatUsedIt() throws InterruptedException {
        String user = Accounts.create(base);
        String passwordOnly = token(user, null);
        awayFromAStepBoundary();
        String secret = enrol(passwordOnly);
        confirm(passwordOnly, code(secret, 0));
        // Adding another factor, like removing one, needs a sign-in made with the factor.
        from().auth()
                .oauth2(passwordOnly)
                .post("api/me/totp")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:fresh-login-required"));

        from().auth()
                .oauth2(passwordOnly)
                .delete("api/me/totp")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:fresh-login-required"))
                .header("WWW-Authenticate", containsString("acr_values=\"urn:keycard:acr:2fa\""));
        String withCode = token(user, code(secret, 1));
        from().auth().oauth2(withCode).post("api/me/totp").then().statusCode(409); // set up already
        from().auth().oauth2(withCode).delete("api/me/totp").then().statusCode(204);
        login(user, null).then().statusCode(200);
        org.hamcrest.MatcherAssert.assertThat(events(user), hasItems("second_factor_removed"));
    }

    @Test
    void aRoleThatRequiresASecondFactorGetsOnlyEnrolmentUntilOneIsSetUp() throws InterruptedException {
        String role = "mfa-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "p" + UUID.randomUUID().toString().substring(0, 10);
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\",\"roles\":[\"user\",\""
                        + role + "\"]}")
                .post("api/admin/users")
                .then()
                .statusCode(201);
        JsonPath before = login(user, null).then().statusCode(200).extract().jsonPath();
        policy("[\"" + role + "\"]");
        try {
            String refreshed = from().contentType(ContentType.JSON)
                    .body("{\"refresh_token\":\"" + before.getString("refresh_token") + "\"}")
                    .post("api/auth/refresh")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
            assertEquals(List.of("enrol-second-factor"), claims(refreshed).getList("groups"), "at the next refresh");

            String enrolOnly = token(user, null);
            assertEquals(List.of("enrol-second-factor"), claims(enrolOnly).getList("groups"));
            from().auth().oauth2(enrolOnly).get("api/me").then().statusCode(403);
            from().auth().oauth2(enrolOnly).get("api/me/sessions").then().statusCode(403);

            awayFromAStepBoundary();
            String secret = enrol(enrolOnly);
            confirm(enrolOnly, code(secret, 0));
            String full = token(user, code(secret, 1));
            org.hamcrest.MatcherAssert.assertThat(claims(full).getList("groups"), hasItems("user", role));
            from().auth().oauth2(full).get("api/me").then().statusCode(200);
        } finally {
            policy("[]");
        }
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/second-factor-policy")
                .then()
                .statusCode(200)
                .body("switched_on", equalTo(List.of()));
    }

    @Test
    void anAdministratorSeesWhoHasAFactorAndResetsItButNeverSeesASecret() throws InterruptedException {
        Enrolled user = enrolled();
        String admin = TestTokens.admin();
        String view = given().baseUri(base.toString())
                .auth()
                .oauth2(admin)
                .get("api/admin/users/" + user.username() + "/second-factors")
                .then()
                .statusCode(200)
                .body("factors", equalTo(List.of("totp", "recovery_code")))
                .body("recovery_codes_left", equalTo(10))
                .extract()
                .asString();
        assertFalse(view.contains(user.secret()));
        assertEquals(
                List.of("totp"),
                given().baseUri(base.toString())
                        .auth()
                        .oauth2(admin)
                        .get("api/admin/second-factors")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("'" + user.username() + "'"));
        from().auth()
                .oauth2(token(user.username(), code(user.secret(), 1)))
                .delete("api/admin/users/" + user.username() + "/second-factors")
                .then()
                .statusCode(403); // not an administrator

        given().baseUri(base.toString())
                .auth()
                .oauth2(admin)
                .delete("api/admin/users/" + user.username() + "/second-factors")
                .then()
                .statusCode(204);
        login(user.username(), null).then().statusCode(200);
        org.hamcrest.MatcherAssert.assertThat(events(user.username()), hasItems("second_factor_reset"));
        given().baseUri(base.toString())
                .auth()
                .oauth2(admin)
                .delete("api/admin/users/nobody-" + UUID.randomUUID() + "/second-factors")
                .then()
                .statusCode(404);
    }

    @Test
    void theHostedPageAsksForTheCodeAsASecondStepWithoutKeepingThePassword() throws InterruptedException {
        Enrolled user = enrolled();
        App app = Applications.confidential(base.toString(), "");
        Pkce pkce = Pkce.create();
        Map<String, String> asked = Applications.authorizationRequest(app, pkce);
        SsoBrowser browser = new SsoBrowser(base.toString());

        Response second = browser.signIn(browser.authorize(asked), user.username(), Accounts.PASSWORD);
        second.then()
                .statusCode(200)
                .body(containsString("name=\"ticket\""))
                .body(containsString("name=\"code\""))
                .body(not(containsString(Accounts.PASSWORD)));
        assertTrue(second.getHeaders().getValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("keycard_sso=")));

        Response wrong = browser.secondStep(second, code(user.secret(), 5));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.asString().contains("incorrect or already used"));
        Response malformed = browser.secondStep(wrong, "12");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.asString().contains("name=\"ticket\""), "the second step again, as HTML");

        Response redirect = browser.secondStep(malformed, code(user.secret(), 1));
        assertEquals(303, redirect.statusCode(), redirect.asString());
        Map<String, String> answer = SsoBrowser.query(redirect.header("Location"));
        JsonPath tokens = Applications.exchange(
                        base.toString(), app, answer.get("code"), app.redirectUri(), pkce.verifier())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath id = claims(tokens.getString("id_token"));
        assertEquals(List.of("pwd", "otp", "mfa"), id.getList("amr"));
        assertEquals("urn:keycard:acr:2fa", id.getString("acr"));
        assertEquals(
                List.of("pwd", "otp", "mfa"),
                claims(tokens.getString("access_token")).getList("amr"));

        // The ticket ended with the sign-in: posting it again does not sign anyone in.
        assertEquals(400, browser.secondStep(malformed, code(user.secret(), 1)).statusCode());
    }

    private void policy(String roles) {
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"roles\":" + roles + "}")
                .put("api/admin/second-factor-policy")
                .then()
                .statusCode(200);
    }

    private List<String> events(String user) {
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
}
