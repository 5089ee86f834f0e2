package dev.keycard.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.it.Applications.App;
import dev.keycard.it.SsoBrowser.Pkce;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The OpenID Connect authorization code flow with PKCE, as a browser and an application see it:
 * the hosted sign-in form, the SSO session that signs the user in to the next application without a
 * password, the code exchange and its bindings, the ID token, userinfo, and refresh.
 */
class AuthorizationCodeIT extends KeycardIT {

    private String base() {
        return base.toString();
    }

    private static Map<String, String> request(App app, Pkce pkce, String... more) {
        return Applications.authorizationRequest(app, pkce, more);
    }

    private RequestSpecification tokenRequest(App app) {
        return Applications.tokenRequest(base(), app);
    }

    private Response exchange(App app, String code, String redirectUri, String verifier) {
        return Applications.exchange(base(), app, code, redirectUri, verifier);
    }

    @Test
    void discoveryAdvertisesTheCodeFlowAndNothingItDoesNotDo() {
        JsonPath metadata = api().get(".well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(base() + "oauth2/authorize", metadata.getString("authorization_endpoint"));
        assertEquals(base() + "oauth2/userinfo", metadata.getString("userinfo_endpoint"));
        assertEquals(base() + "oauth2/logout", metadata.getString("end_session_endpoint"));
        assertEquals(List.of("code"), metadata.getList("response_types_supported"));
        assertEquals(List.of("S256"), metadata.getList("code_challenge_methods_supported"));
        assertTrue(metadata.getBoolean("backchannel_logout_supported"));
        assertTrue(metadata.getList("grant_types_supported").contains("authorization_code"));
        assertEquals(
                metadata.getMap("$"),
                api().get(".well-known/oauth-authorization-server").jsonPath().getMap("$"));
    }

    @Test
    void aPublicClientSignsAUserInWithPkceAndGetsAnIdTokenForItself() {
        String user = Accounts.create(base);
        App spa = Applications.publicClient(base(), "");
        Pkce pkce = Pkce.create();
        Map<String, String> asked = request(spa, pkce);
        SsoBrowser browser = new SsoBrowser(base());

        Response form = browser.authorize(asked);
        form.then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .body(containsString("name=\"username\""))
                .body(containsString("name=\"password\""));
        Response redirect = browser.signIn(form, user, Accounts.PASSWORD);
        assertEquals(303, redirect.statusCode());
        String sso = redirect.getHeaders().getValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("keycard_sso="))
                .findFirst()
                .orElseThrow();
        assertTrue(sso.contains("HttpOnly") && sso.contains("SameSite=Lax") && sso.contains("Secure"), sso);
        Map<String, String> answer = SsoBrowser.query(redirect.header("Location"));
        assertTrue(redirect.header("Location").startsWith(spa.redirectUri() + "?"));
        assertEquals(asked.get("state"), answer.get("state"));
        assertEquals(TestTokens.ISSUER, answer.get("iss"));

        JsonPath tokens = exchange(spa, answer.get("code"), spa.redirectUri(), pkce.verifier())
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("openid profile roles"))
                .extract()
                .jsonPath();
        JsonPath id = JsonPath.from(TestTokens.payload(tokens.getString("id_token")));
        assertEquals(TestTokens.ISSUER, id.getString("iss"));
        assertEquals(spa.id(), id.getString("aud"));
        assertEquals(spa.id(), id.getString("azp"));
        assertEquals(asked.get("nonce"), id.getString("nonce"));
        assertEquals(user, id.getString("preferred_username"));
        assertEquals(List.of("pwd"), id.getList("amr"));
        assertEquals("urn:keycard:acr:1fa", id.getString("acr"));
        assertNotNull(id.getString("sid"));
        assertNotNull(id.getString("at_hash"));
        assertNotNull(
                JsonPath.from(TestTokens.header(tokens.getString("id_token"))).getString("kid"));
        assertTrue(id.getLong("auth_time") <= id.getLong("iat"));
        JsonPath access = JsonPath.from(TestTokens.payload(tokens.getString("access_token")));
        assertEquals("openid profile roles", access.getString("scope"));
        assertEquals(spa.id(), access.getString("client_id"));
        assertEquals(id.getString("sub"), access.getString("sub"));

        api().auth()
                .oauth2(tokens.getString("access_token"))
                .get("oauth2/userinfo")
                .then()
                .statusCode(200)
                .body("sub", equalTo(id.getString("sub")))
                .body("preferred_username", equalTo(user))
                .body("groups", hasItems("user"));
    }

    @Test
    void aSecondApplicationGetsTheSignedInUserWithoutAPassword() {
        String user = Accounts.create(base);
        App first = Applications.confidential(base(), "");
        App second = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        browser.codeFor(request(first, Pkce.create()), user);

        Map<String, String> asked = request(second, null);
        Response at = browser.authorize(asked);
        assertEquals(302, at.statusCode(), "no form: the SSO session answers");
        Map<String, String> answer = SsoBrowser.query(at.header("Location"));
        JsonPath tokens = exchange(second, answer.get("code"), second.redirectUri(), null)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                user,
                JsonPath.from(TestTokens.payload(tokens.getString("id_token"))).getString("preferred_username"));
        assertNotNull(tokens.getString("refresh_token"));
    }

    @Test
    void promptNoneWithoutASessionAnswersLoginRequiredAndPromptLoginAsksAgain() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        Map<String, String> none = request(app, null, "prompt", "none");
        Response answer = browser.authorize(none);
        assertEquals(302, answer.statusCode());
        Map<String, String> error = SsoBrowser.query(answer.header("Location"));
        assertEquals("login_required", error.get("error"));
        assertEquals(none.get("state"), error.get("state"));

        browser.codeFor(request(app, null), user);
        assertEquals(
                302, browser.authorize(request(app, null, "prompt", "none")).statusCode());
        assertEquals(
                200, browser.authorize(request(app, null, "prompt", "login")).statusCode(), "the form again");
        assertEquals(200, browser.authorize(request(app, null, "max_age", "0")).statusCode(), "too old a sign-in");
    }

    /** Userinfo answers from a copy of the user (keycard.cache-ttl); a change on this node must not wait for it. */
    @Test
    void userinfoShowsChangedRolesAtOnceEvenRightAfterItsLastAnswer() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        Map<String, String> answer = new SsoBrowser(base()).codeFor(request(app, null), user);
        String access = exchange(app, answer.get("code"), app.redirectUri(), null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        api().auth()
                .oauth2(access)
                .get("oauth2/userinfo")
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of("user")));
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"roles\":[\"user\",\"auditor\"]}")
                .patch("api/admin/users/" + user)
                .then()
                .statusCode(200);
        api().auth()
                .oauth2(access)
                .get("oauth2/userinfo")
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of("auditor", "user")));
    }

    @Test
    void aCodeRedeemedTwiceIsRefusedAndRevokesTheTokensOfTheFirstRedemption() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        Map<String, String> answer = new SsoBrowser(base()).codeFor(request(app, null), user);
        JsonPath tokens = exchange(app, answer.get("code"), app.redirectUri(), null)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        api().auth()
                .oauth2(tokens.getString("access_token"))
                .get("oauth2/userinfo")
                .then()
                .statusCode(200);

        exchange(app, answer.get("code"), app.redirectUri(), null)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        api().auth()
                .oauth2(tokens.getString("access_token"))
                .get("oauth2/userinfo")
                .then()
                .statusCode(401)
                .body("type", containsString("token-revoked"));
        tokenRequest(app)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", tokens.getString("refresh_token"))
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void aCodeIsBoundToItsClientRedirectUriAndVerifierAndAMismatchSpendsNothing() {
        String user = Accounts.create(base);
        App app = Applications.publicClient(base(), "");
        App other = Applications.confidential(base(), "\"redirect_uris\":[\"" + app.redirectUri() + "\"]");
        Pkce pkce = Pkce.create();
        String code = new SsoBrowser(base()).codeFor(request(app, pkce), user).get("code");

        exchange(other, code, app.redirectUri(), pkce.verifier())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        exchange(app, code, app.redirectUri() + "/", pkce.verifier()).then().statusCode(400);
        exchange(app, code, app.redirectUri(), Pkce.create().verifier()).then().statusCode(400);
        exchange(app, code, app.redirectUri(), null).then().statusCode(400);
        exchange(app, code, app.redirectUri(), pkce.verifier()).then().statusCode(200);
    }

    @Test
    void aVerifierForACodeIssuedWithoutAChallengeIsRefused() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        String code = new SsoBrowser(base()).codeFor(request(app, null), user).get("code");
        exchange(app, code, app.redirectUri(), Pkce.create().verifier()).then().statusCode(400);
        exchange(app, code, app.redirectUri(), null).then().statusCode(200);
    }

    @Test
    void aRedirectUriNotRegisteredByteForByteGetsAnErrorPageAndNoRedirect() {
        App app = Applications.confidential(base(), "");
        String registered = app.redirectUri();
        for (String variant : List.of(
                registered + "/",
                registered.toUpperCase(),
                registered.replace(".com/", ".com:8443/"),
                registered + "/more",
                registered + "?x=1",
                registered.replace("callback", "call%62ack"),
                registered.replace("https://", "https://user@"),
                registered + "#fragment")) {
            Response answer = new SsoBrowser(base()).authorize(request(app, null, "redirect_uri", variant));
            assertEquals(400, answer.statusCode(), variant);
            assertNull(answer.header("Location"), variant);
            assertTrue(answer.asString().contains("not one registered"), variant);
            assertTrue(!answer.asString().contains(app.id()), "the page quotes nothing from the request");
        }
        Response unknown = new SsoBrowser(base()).authorize(request(app, null, "client_id", "no-such-app"));
        assertEquals(400, unknown.statusCode());
        assertNull(unknown.header("Location"));
    }

    @Test
    void aPublicClientWithoutPkceAndAnUnsupportedResponseTypeAreToldAtTheirRedirectUri() {
        App spa = Applications.publicClient(base(), "");
        Response noPkce = new SsoBrowser(base()).authorize(request(spa, null));
        assertEquals(302, noPkce.statusCode());
        assertEquals(
                "invalid_request", SsoBrowser.query(noPkce.header("Location")).get("error"));
        Response token = new SsoBrowser(base()).authorize(request(spa, Pkce.create(), "response_type", "token"));
        assertEquals(
                "unsupported_response_type",
                SsoBrowser.query(token.header("Location")).get("error"));
        Response plain =
                new SsoBrowser(base()).authorize(request(spa, Pkce.create(), "code_challenge_method", "plain"));
        assertEquals(
                "invalid_request", SsoBrowser.query(plain.header("Location")).get("error"));
    }

    @Test
    void theSignInFormNeedsItsAntiForgeryValueAndSaysNothingAboutWhichCredentialWasWrong() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        Response form = browser.authorize(request(app, null));
        Map<String, String> fields = SsoBrowser.hiddenFields(form.asString());
        fields.remove("csrf");
        fields.put("username", user);
        fields.put("password", Accounts.PASSWORD);
        Response forged = browser.request()
                .contentType(ContentType.URLENC)
                .formParams(fields)
                .post("oauth2/sign-in");
        assertEquals(403, forged.statusCode());
        assertNull(forged.header("Location"));
        assertTrue(forged.getHeaders().getValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("keycard_sso=")));

        Response wrongPassword = browser.signIn(form, user, "not-the-password-at-all");
        Response unknownUser =
                browser.signIn(form, "nobody-" + UUID.randomUUID().toString().substring(0, 8), "x-password-x");
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownUser.statusCode());
        assertTrue(wrongPassword.asString().contains("The username or password is incorrect."));
        assertEquals(
                wrongPassword.asString().replaceAll("value=\"[^\"]*\"", ""),
                unknownUser.asString().replaceAll("value=\"[^\"]*\"", ""));
    }

    @Test
    void theSignInFormLocksAnAccountLikeTheJsonLoginAndRefusesAnEmptyFormWithout500() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        Response form = browser.authorize(request(app, null));
        for (int i = 0; i < 5; i++) {
            assertEquals(401, browser.signIn(form, user, "wrong-password-" + i).statusCode());
        }
        Response locked = browser.signIn(form, user, Accounts.PASSWORD);
        assertEquals(401, locked.statusCode(), "locked: the right password is refused for now");
        assertTrue(locked.getHeaders().getValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("keycard_sso=")));
        List<String> failures = api().auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/events?type=login_failure&user=" + user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("detail", String.class);
        assertTrue(failures.size() >= 5, "audited: " + failures);

        Map<String, String> fields = SsoBrowser.hiddenFields(form.asString());
        browser.request()
                .contentType(ContentType.URLENC)
                .formParams(fields)
                .post("oauth2/sign-in")
                .then()
                .statusCode(400)
                .body(containsString("Enter your username and password."));
    }

    @Test
    void requestsThatAreNotValidlyEncodedGet400NotAnIncident() throws Exception {
        // Sent as written: REST Assured and java.net.URI refuse to build such a URL.
        HttpURLConnection authorize =
                (HttpURLConnection) new URL(base() + "oauth2/authorize?client_id=%zz").openConnection();
        authorize.setInstanceFollowRedirects(false);
        assertEquals(400, authorize.getResponseCode());
        assertNull(authorize.getHeaderField("Location"));
        Response nul =
                api().urlEncodingEnabled(false).redirects().follow(false).get("oauth2/authorize?client_id=a%00b");
        assertEquals(400, nul.statusCode());
        assertNull(nul.header("Location"));
        api().contentType("application/x-www-form-urlencoded")
                .body("grant_type=authorization_code&code=%zz")
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        api().contentType("application/x-www-form-urlencoded")
                .body("grant_type=authorization_code&code=x&redirect_uri=https://a.example/&client_id=a%00b")
                .post("oauth2/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void aPasswordBeyondAsciiSignsInAtTheFormAsABrowserSendsIt() {
        String user = "u" + UUID.randomUUID().toString().substring(0, 10);
        String password = "pässwörd-ünïcødé-7";
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType("application/json; charset=UTF-8")
                .body("{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"roles\":[\"user\"]}")
                .post("api/admin/users")
                .then()
                .statusCode(201);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        Response form = browser.authorize(request(app, null));
        StringBuilder body = new StringBuilder();
        Map<String, String> fields = SsoBrowser.hiddenFields(form.asString());
        fields.put("username", user);
        fields.put("password", password);
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(name)
                .append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        // As a browser posts a form of a UTF-8 page: UTF-8 bytes, no charset in the Content-Type.
        Response signedIn = browser.request()
                .config(io.restassured.RestAssured.config()
                        .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded")
                .body(body.toString())
                .post("oauth2/sign-in");
        assertEquals(303, signedIn.statusCode());
    }

    @Test
    void theFormRefusesAPostFromAnotherOrigin() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        Map<String, String> fields =
                SsoBrowser.hiddenFields(browser.authorize(request(app, null)).asString());
        fields.put("username", user);
        fields.put("password", Accounts.PASSWORD);
        browser.request()
                .header("Origin", "https://evil.example")
                .contentType(ContentType.URLENC)
                .formParams(fields)
                .post("oauth2/sign-in")
                .then()
                .statusCode(403);
        browser.request()
                .header("Sec-Fetch-Site", "same-site")
                .contentType(ContentType.URLENC)
                .formParams(fields)
                .post("oauth2/sign-in")
                .then()
                .statusCode(403);
        assertEquals(
                303,
                browser.request()
                        .header("Sec-Fetch-Site", "same-origin")
                        .header("Origin", TestTokens.ISSUER)
                        .contentType(ContentType.URLENC)
                        .formParams(fields)
                        .post("oauth2/sign-in")
                        .statusCode());
    }

    @Test
    void signingInAgainInTheSameBrowserKeepsTheSsoSessionUnderANewCookie() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        String firstCode = browser.codeFor(request(app, null), user).get("code");
        String cookie = browser.cookies.get("keycard_sso");
        String firstSid = JsonPath.from(TestTokens.payload(exchange(app, firstCode, app.redirectUri(), null)
                        .jsonPath()
                        .getString("id_token")))
                .getString("sid");

        String again =
                browser.codeFor(request(app, null, "prompt", "login"), user).get("code");
        assertNotEquals(cookie, browser.cookies.get("keycard_sso"), "a new cookie value at every sign-in");
        String sid = JsonPath.from(TestTokens.payload(
                        exchange(app, again, app.redirectUri(), null).jsonPath().getString("id_token")))
                .getString("sid");
        assertEquals(firstSid, sid, "the same SSO session, so signing out reaches both sign-ins");
    }

    @Test
    void anApplicationsAccessTokenCarriesItsAudienceAndIsRefusedByKeycardsOwnApi() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "\"audience\":\"https://billing.example.com\"");
        String code = new SsoBrowser(base()).codeFor(request(app, null), user).get("code");
        String access = exchange(app, code, app.redirectUri(), null).jsonPath().getString("access_token");
        assertEquals(
                "https://billing.example.com",
                JsonPath.from(TestTokens.payload(access)).getString("aud"));
        api().auth().oauth2(access).get("api/me").then().statusCode(401).body("detail", containsString("audience"));
        api().auth().oauth2(access).get("oauth2/userinfo").then().statusCode(200);
        api().auth().oauth2(access).post("oauth2/userinfo").then().statusCode(200);

        App unnamed = Applications.confidential(base(), "");
        String own =
                new SsoBrowser(base()).codeFor(request(unnamed, null), user).get("code");
        String forItself =
                exchange(unnamed, own, unnamed.redirectUri(), null).jsonPath().getString("access_token");
        assertEquals(
                unnamed.id(), JsonPath.from(TestTokens.payload(forItself)).getString("aud"), "its own id by default");
        api().auth().oauth2(forItself).get("api/me").then().statusCode(401);
    }

    @Test
    void userinfoWantsAnAccessTokenWithTheOpenidScope() {
        api().get("oauth2/userinfo")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"keycard\""));
        api().auth()
                .oauth2(TestTokens.user())
                .get("oauth2/userinfo")
                .then()
                .statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"));
        api().auth()
                .oauth2("not.a.token")
                .get("oauth2/userinfo")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void anApplicationRefreshesThroughRotationAndAnotherApplicationCannotUseItsRefreshToken() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        App other = Applications.confidential(base(), "");
        String code = new SsoBrowser(base()).codeFor(request(app, null), user).get("code");
        JsonPath first = exchange(app, code, app.redirectUri(), null).jsonPath();
        String refresh = first.getString("refresh_token");

        tokenRequest(other)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refresh)
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        api().contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + refresh + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(401);
        JsonPath second = tokenRequest(app)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refresh)
                .post("oauth2/token")
                .then()
                .statusCode(200)
                .body("scope", equalTo("openid profile roles"))
                .extract()
                .jsonPath();
        assertNotEquals(refresh, second.getString("refresh_token"));
        JsonPath id = JsonPath.from(TestTokens.payload(second.getString("id_token")));
        assertNull(id.getString("nonce"), "no nonce after a refresh");
        assertEquals(
                JsonPath.from(TestTokens.payload(first.getString("id_token"))).getString("sid"), id.getString("sid"));
        assertEquals(app.id(), id.getString("aud"));
    }

    @Test
    void theSignInPageCannotBeFramedAndDoesNotEchoTheLoginHintUnescaped() {
        App app = Applications.confidential(base(), "");
        Response form =
                new SsoBrowser(base()).authorize(request(app, null, "login_hint", "\"><script>alert(1)</script>"));
        form.then()
                .statusCode(200)
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("script-src")))
                .body(not(containsString("<script>")))
                .body(containsString("&quot;&gt;&lt;script&gt;"));
        assertTrue(
                form.getHeaders().getValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("keycard_sso=")),
                "no SSO session before a sign-in");
    }

    @Test
    void theTokenEndpointNamesWhatIsMissing() {
        App app = Applications.confidential(base(), "");
        tokenRequest(app)
                .formParam("grant_type", "authorization_code")
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", containsString("code"));
        tokenRequest(app)
                .formParam("grant_type", "authorization_code")
                .formParam("code", "x")
                .formParam("code", "y")
                .formParam("redirect_uri", app.redirectUri())
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        api().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", Applications.publicClient(base(), "").id())
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"))
                .body("access_token", nullValue());
    }
}
