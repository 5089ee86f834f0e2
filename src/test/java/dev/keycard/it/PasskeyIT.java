package dev.keycard.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys on the suite's server, with headless Chromium's virtual authenticator (CTAP2, internal,
 * resident keys, user verification) as the device. The page's own flows run in the browser; the
 * refusals are driven through the API, with the browser only as the authenticator that answers
 * the options the API gave. Always {@code http://localhost}: WebAuthn refuses an IP address as RP id.
 */
class PasskeyIT extends KeycardIT {

    private static final String BASE = "http://localhost:" + System.getProperty("it.http.port", "19080") + "/";
    private static final String PROBLEM = "application/problem+json";

    /** This test's client address (the tests are the trusted proxy): its refusals throttle no other test. */
    private final String from = "198.51.100." + (1 + (int) (Math.random() * 250));

    private WebDriver browser;
    private VirtualAuthenticator authenticator;

    @BeforeAll
    static void needsChromium() {
        assumeFalse(PostgreSqlTestDatabase.inUse(), "passkeys are tested on the H2 run");
        Chromium.require("PasskeyIT");
    }

    @BeforeEach
    void startBrowserWithAnAuthenticator() {
        browser = Chromium.start();
        authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(options());
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** A platform authenticator (CTAP2, internal) with resident keys that verifies its user. */
    private static VirtualAuthenticatorOptions options() {
        return new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPasskeyAddedOnThePageIsListedRenamedAndRemoved() {
        String user = Accounts.create(base);
        me(user); // its subject, while the password alone signs in
        signInWithPassword(user);
        browser.findElement(By.id("passkey-name")).sendKeys("laptop");
        browser.findElement(By.cssSelector("#add-passkey button")).click();
        waitForText("passkeys-message", "Added laptop.");
        WebElement row = waitForRow("#passkeys tr[data-name='laptop']");
        assertTrue(row.getText().contains("this device only"), row.getText());
        assertTrue(row.getText().contains("never"), row.getText());

        JsonPath listed =
                me(user).get("api/me/passkeys").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("laptop"), listed.getList("name"));
        assertEquals(Boolean.TRUE, listed.get("[0].device_bound"));
        String listedJson = listed.prettify();
        for (String secret : List.of("public_key", "credential", "attested", "sign_count")) {
            assertFalse(listedJson.contains(secret), "the list shows " + secret + ": " + listedJson);
        }

        row.findElement(By.cssSelector("button[data-action='rename']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.alertIsPresent())
                .sendKeys("work laptop");
        browser.switchTo().alert().accept();
        waitForText("passkeys-message", "Renamed to work laptop.");
        removeOnThePage("work laptop");
        // This session signed in with the password alone, before the passkey was a factor.
        waitForText("passkeys-message", "needs a recent sign-in");

        browser.findElement(By.id("sign-out")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.id("passkey-sign-in")))
                .click();
        waitForText("me-username", user);
        removeOnThePage("work laptop");
        waitForText("passkeys-message", "Removed work laptop.");
        me(user).get("api/me/passkeys").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aPasskeyAloneSignsInOnThePage() {
        String user = Accounts.create(base);
        register(user, "phone");
        browser.get(BASE);
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.id("passkey-sign-in")))
                .click();
        waitForText("me-username", user);
        waitForRow("#passkeys tr[data-name='phone']");
        assertNotNull(
                me(user).get("api/me/passkeys").path("[0].last_used"),
                "a sign-in is recorded as the passkey's last use");
    }

    @Test
    void aSignInThroughTheApiGivesTokensForThePasskeysOwnerSayingHowTheySignedIn() {
        String user = Accounts.create(base);
        register(user, "key");
        String access = signIn(assertion()).then().statusCode(200).extract().path("access_token");
        api().auth().oauth2(access).get("api/me").then().statusCode(200).body("username", equalTo(user));
        // The virtual authenticator's key cannot be backed up: a device-bound passkey, verified.
        assertEquals(
                List.of("hwk", "user", "mfa"),
                JsonPath.from(TestTokens.payload(access)).getList("amr"));
    }

    @Test
    void aPasskeyIsASecondFactorOfThePasswordSignInAndOnlyTheUsersOwn() {
        String user = Accounts.create(base);
        String other = Accounts.create(base);
        String otherCredential = register(other, "theirs");
        String myCredential = register(user, "mine");
        client().contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:second-factor-required"))
                .body("factors", equalTo(List.of("passkey")));

        // The other user's passkey (named in allowCredentials, so the authenticator uses it) with
        // this user's password: refused, and counted like a wrong code.
        String id = JsonPath.from(otherCredential).getString("id");
        String theirs = inBrowser(
                "get",
                requestOptions()
                        .replaceFirst(
                                "\\{", "{\"allowCredentials\":[{\"type\":\"public-key\",\"id\":\"" + id + "\"}],"));
        withPassword(user, theirs)
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:second-factor-required"))
                .body("detail", containsString("incorrect"));
        assertTrue(failures(user).contains("belongs to another user"), failures(user));

        String mine = inBrowser(
                "get",
                requestOptions()
                        .replaceFirst(
                                "\\{",
                                "{\"allowCredentials\":[{\"type\":\"public-key\",\"id\":\""
                                        + JsonPath.from(myCredential).getString("id") + "\"}],"));
        String access =
                withPassword(user, mine).then().statusCode(200).extract().path("access_token");
        assertEquals(
                List.of("pwd", "hwk", "mfa"),
                JsonPath.from(TestTokens.payload(access)).getList("amr"));
        withPassword(user, mine).then().statusCode(401); // an assertion counts once
    }

    private Response withPassword(String user, String passkey) {
        return client().contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\",\"passkey\":" + passkey
                        + "}")
                .post("api/auth/login");
    }

    @Test
    void aReplayedAssertionIsRefusedWithinTheChallengesLifetime() {
        String user = Accounts.create(base);
        register(user, "key");
        String assertion = assertion();
        signIn(assertion).then().statusCode(200);
        refused(signIn(assertion));
    }

    @Test
    void anAssertionMadeForAnotherOriginIsRefused() {
        String user = Accounts.create(base);
        register(user, "key");
        String assertion = assertion();
        String encoded = JsonPath.from(assertion).getString("response.clientDataJSON");
        String clientData = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        String origin = BASE.substring(0, BASE.length() - 1);
        assertTrue(clientData.contains("\"origin\":\"" + origin + "\""), clientData);
        String json = assertion.replace(
                encoded, base64url(clientData.replace("http://localhost:", "http://evil.localhost:")));
        refused(signIn(json));
        assertTrue(failures(user).contains("BadOrigin"), failures(user));
    }

    @Test
    void aClonedAuthenticatorWhoseCounterLagsIsRefused() {
        String user = Accounts.create(base);
        register(user, "key");
        signIn(assertion()).then().statusCode(200);
        signIn(assertion()).then().statusCode(200);
        Credential used = authenticator.getCredentials().get(0);
        assertTrue(used.getSignCount() >= 2, "the authenticator counts its signatures");
        // The same key copied elsewhere earlier: its counter is behind the one Keycard stored.
        authenticator.removeAllCredentials();
        authenticator.addCredential(Credential.createResidentCredential(
                used.getId(), used.getRpId(), used.getPrivateKey(), used.getUserHandle(), 0));
        refused(signIn(assertion()));
        assertTrue(failures(user).contains("possibly a cloned authenticator"), failures(user));
    }

    @Test
    void aResponseWithoutUserVerificationIsRefused() {
        String user = Accounts.create(base);
        String other = Accounts.create(base);
        register(user, "key");
        // The same key in an authenticator that cannot verify its user, and a browser told that UV
        // does not matter: the response comes with the UV flag clear, which Keycard refuses. (An
        // authenticator that can verify but fails to makes Chromium give up, with no response.)
        Credential key = authenticator.getCredentials().get(0);
        ((HasVirtualAuthenticator) browser).removeVirtualAuthenticator(authenticator);
        authenticator = ((HasVirtualAuthenticator) browser)
                .addVirtualAuthenticator(options().setHasUserVerification(false));
        authenticator.addCredential(Credential.createResidentCredential(
                key.getId(), key.getRpId(), key.getPrivateKey(), key.getUserHandle(), key.getSignCount()));
        // Chromium makes resident keys with credProtect: without UV, only a request naming the key
        // may use it.
        String options = withoutUserVerification(requestOptions());
        assertFalse(options.contains("allowCredentials"), options);
        String naming = "{\"allowCredentials\":[{\"type\":\"public-key\",\"id\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(key.getId()) + "\"}],"
                + options.substring(1);
        refused(signIn(inBrowser("get", naming)));
        assertTrue(failures(user).contains("UserNotVerified"), failures(user));
        addPasskey(other, "unverified", inBrowser("create", withoutUserVerification(creationOptions(other))))
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        me(other).get("api/me/passkeys").then().body("size()", equalTo(0));
    }

    @Test
    void aDisabledAccountCannotSignInWithItsPasskeyAndGetsTheSameAnswer() {
        String user = Accounts.create(base);
        register(user, "key");
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("api/admin/users/" + user)
                .then()
                .statusCode(200);
        refused(signIn(assertion()));
    }

    @Test
    void aRegistrationResponseCountsOnceAndOnlyForTheUserItsChallengeWasFor() {
        String user = Accounts.create(base);
        String other = Accounts.create(base);
        String options = creationOptions(user);
        JsonPath parsed = JsonPath.from(options);
        assertEquals("localhost", parsed.getString("rp.id"));
        assertEquals("required", parsed.getString("authenticatorSelection.residentKey"));
        assertEquals("required", parsed.getString("authenticatorSelection.userVerification"));
        assertEquals("none", parsed.getString("attestation"));
        assertNotEquals(user, new String(Base64.getUrlDecoder().decode(parsed.getString("user.id"))));
        assertEquals(List.of(-7, -257, -8), parsed.getList("pubKeyCredParams.alg"));

        String credential = inBrowser("create", options);
        addPasskey(other, "theirs", credential).then().statusCode(400).contentType(PROBLEM);
        addPasskey(user, "mine", credential).then().statusCode(400).contentType(PROBLEM);
        me(user).get("api/me/passkeys").then().body("size()", equalTo(0));
        me(other).get("api/me/passkeys").then().body("size()", equalTo(0));
    }

    @Test
    void aPasskeyOfOneUserIsNotOfferedAgainAndCannotBeRegisteredTwice() {
        String user = Accounts.create(base);
        String credential = register(user, "key");
        addPasskey(user, "again", credential).then().statusCode(400).contentType(PROBLEM);
        JsonPath options = JsonPath.from(creationOptions(user));
        assertEquals(1, options.getList("excludeCredentials").size());
        assertEquals(
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(authenticator.getCredentials().get(0).getId()),
                options.getString("excludeCredentials[0].id"));
    }

    @Test
    void oversizedMalformedAndForeignResponsesAreClientErrorsNeverServerErrors() {
        String user = Accounts.create(base);
        String big = "{\"credential\":{\"id\":\"" + "A".repeat(20_000) + "\"},\"name\":\"x\"}";
        client().contentType(ContentType.JSON)
                .body(big)
                .post("api/auth/passkey")
                .then()
                .statusCode(413);
        me(user).contentType(ContentType.JSON)
                .body(big)
                .post("api/me/passkeys")
                .then()
                .statusCode(413);

        for (String body : List.of(
                "{\"credential\":", "{\"credential\":\"a string\"}", "{}", "[]", "{\"credential\":{\"id\":1}}")) {
            client().contentType(ContentType.JSON)
                    .body(body)
                    .post("api/auth/passkey")
                    .then()
                    .statusCode(not(equalTo(500)))
                    .statusCode(body.startsWith("{\"credential\":{") ? 401 : 400)
                    .contentType(PROBLEM);
        }
        for (String credential : List.of(
                "{}",
                "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{}}",
                "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"!!\","
                        + "\"attestationObject\":\"AAAA\"}}",
                "{\"response\":{\"clientDataJSON\":\"" + base64url("{\"type\":\"webauthn.create\"}")
                        + "\",\"attestationObject\":\"oA\"}}")) {
            addPasskey(user, "x", credential).then().statusCode(400).contentType(PROBLEM);
            client().contentType(ContentType.JSON)
                    .body("{\"credential\":" + credential + "}")
                    .post("api/auth/passkey")
                    .then()
                    .statusCode(401)
                    .body("type", equalTo("urn:keycard:problem:passkey-refused"));
        }
        me(user).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"credential\":{}}")
                .post("api/me/passkeys")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void theListAndItsChangesNeedASignedInUserAndReachOnlyTheirOwnPasskeys() {
        api().get("api/me/passkeys").then().statusCode(401);
        api().contentType(ContentType.JSON)
                .body("{}")
                .post("api/me/passkeys/options")
                .then()
                .statusCode(401);
        String owner = Accounts.create(base);
        String other = Accounts.create(base);
        register(owner, "key");
        String id = me(owner).get("api/me/passkeys").path("[0].id");
        me(other)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"mine now\"}")
                .patch("api/me/passkeys/" + id)
                .then()
                .statusCode(404);
        me(other).delete("api/me/passkeys/" + id).then().statusCode(404);
        me(owner).get("api/me/passkeys").then().body("[0].name", equalTo("key"));
    }

    @Test
    void removingAPasskeyNeedsAFreshLoginAndRenamingDoesNot() {
        String user = Accounts.create(base);
        register(user, "key");
        String id = me(user).get("api/me/passkeys").path("[0].id");
        String subject = me(user).get("api/me").path("subject");
        String stale = TestTokens.sign(TestTokens.valid(user, "user")
                .subject(subject)
                .claim("auth_time", Instant.now().minusSeconds(11 * 60).getEpochSecond()));
        api().auth()
                .oauth2(stale)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"renamed\"}")
                .patch("api/me/passkeys/" + id)
                .then()
                .statusCode(204);
        api().auth()
                .oauth2(stale)
                .delete("api/me/passkeys/" + id)
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:keycard:problem:fresh-login-required"));
        me(user).get("api/me/passkeys").then().body("[0].name", equalTo("renamed"));
        me(user).delete("api/me/passkeys/" + id).then().statusCode(204);
    }

    // ---- helpers

    private void removeOnThePage(String name) {
        waitForRow("#passkeys tr[data-name='" + name + "']")
                .findElement(By.cssSelector("button[data-action='remove']"))
                .click();
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.alertIsPresent())
                .accept();
    }

    /** Registers a passkey of the browser's authenticator for the user; the response it sent. */
    private String register(String user, String name) {
        String options = creationOptions(user);
        String credential = inBrowser("create", options);
        addPasskey(user, name, credential)
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("device_bound", equalTo(true));
        return credential;
    }

    private String creationOptions(String user) {
        return me(user).contentType(ContentType.JSON)
                .body("{}")
                .post("api/me/passkeys/options")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private Response addPasskey(String user, String name, String credential) {
        return me(user).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"credential\":" + credential + "}")
                .post("api/me/passkeys");
    }

    /** An assertion from the browser's authenticator, for options the API gave (discoverable). */
    private String assertion() {
        return inBrowser("get", requestOptions());
    }

    private String requestOptions() {
        return api().contentType(ContentType.JSON)
                .body("{}")
                .post("api/auth/passkey/options")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private Response signIn(String credential) {
        return client().contentType(ContentType.JSON)
                .body("{\"credential\":" + credential + "}")
                .post("api/auth/passkey");
    }

    private static String withoutUserVerification(String options) {
        String lax = options.replace("\"userVerification\":\"required\"", "\"userVerification\":\"discouraged\"");
        assertNotEquals(options, lax, options);
        return lax;
    }

    private static void refused(Response response) {
        response.then()
                .statusCode(401)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:keycard:problem:passkey-refused"))
                .body(
                        "detail",
                        equalTo("The passkey was not accepted. Sign in with your password, or try another passkey."));
    }

    /** Runs the page's own create() or get() in the browser on Keycard's origin; the credential as JSON. */
    private String inBrowser(String function, String options) {
        if (!browser.getCurrentUrl().startsWith(BASE)) {
            browser.get(BASE);
        }
        Object result = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "import('/assets/passkeys.js').then((m) => m." + function
                                + "(JSON.parse(arguments[0])))"
                                + ".then((c) => done(JSON.stringify(c)), (e) => done('failed: ' + e.name + ' ' + e.message));",
                        options);
        String credential = String.valueOf(result);
        assertFalse(credential.startsWith("failed"), credential);
        return credential;
    }

    /** The details of the user's passkey failures in the audit trail. */
    private String failures(String user) {
        return api().auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/events?type=passkey_failure&user=" + user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("detail", String.class)
                .toString();
    }

    private RequestSpecification client() {
        return api().header("X-Forwarded-For", from);
    }

    /**
     * The user's requests. A user with a passkey has a second factor, so their password alone no
     * longer signs them in: the token is minted with the suite's test key (trusted by this server)
     * for the subject a password sign-in gave before any passkey, as a sign-in with a second factor.
     */
    private RequestSpecification me(String user) {
        String subject = subjects.computeIfAbsent(
                user,
                name -> JsonPath.from(
                                TestTokens.payload(Accounts.login(base, name).getString("access_token")))
                        .getString("sub"));
        return api().auth()
                .oauth2(TestTokens.sign(
                        TestTokens.valid(user, "user").subject(subject).claim("amr", List.of("pwd", "hwk", "mfa"))));
    }

    private final java.util.Map<String, String> subjects = new java.util.HashMap<>();

    private void signInWithPassword(String user) {
        browser.get(BASE);
        WebElement name = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        name.sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        waitForText("me-username", user);
    }

    private void waitForText(String id, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
    }

    private WebElement waitForRow(String selector) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(selector)));
    }

    private static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
