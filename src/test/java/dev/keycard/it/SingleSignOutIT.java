package dev.keycard.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.keycard.it.Applications.App;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing out across applications: RP-initiated logout with an ID token and a registered
 * post-logout URI, the confirmation asked for without one, hostile hints and URIs that end
 * nothing, and back-channel logout tokens delivered (and retried) to every application that took
 * part when an SSO session ends.
 */
class SingleSignOutIT extends KeycardIT {

    /** The applications' back-channel endpoints: what each received, by path. */
    private static HttpServer applications;

    private static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FAILURES_TO_GIVE = new ConcurrentHashMap<>();

    @BeforeAll
    static void startApplications() throws Exception {
        applications = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        applications.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            AtomicInteger failures = FAILURES_TO_GIVE.get(path);
            boolean fail = failures != null && failures.getAndDecrement() > 0;
            if (!fail) {
                RECEIVED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                        .add(body);
            }
            // An application that cannot log the session out answers 400 (Back-Channel Logout §2.8).
            exchange.sendResponseHeaders(fail ? 500 : path.startsWith("/refuses") ? 400 : 200, -1);
            exchange.close();
        });
        applications.start();
    }

    @AfterAll
    static void stopApplications() {
        applications.stop(0);
    }

    private String base() {
        return base.toString();
    }

    private static String backchannel(String path) {
        return "http://localhost:" + applications.getAddress().getPort() + path;
    }

    private static String bye(App app) {
        return "https://" + app.id() + ".example.com/bye";
    }

    /** Whether the browser's SSO session still signs it in without a form. */
    private static boolean signedIn(SsoBrowser browser, App app) {
        return browser.authorize(Applications.authorizationRequest(app, null)).statusCode() == 302;
    }

    @Test
    void rpInitiatedLogoutEndsTheSsoSessionAndItsTokensAndReturnsToTheRegisteredUri() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        JsonPath tokens = Applications.signedIn(base(), browser, app, user);

        Response out = browser.request()
                .queryParam("id_token_hint", tokens.getString("id_token"))
                .queryParam("post_logout_redirect_uri", bye(app))
                .queryParam("state", "s-1")
                .get("oauth2/logout");
        assertEquals(302, out.statusCode());
        assertEquals(bye(app) + "?state=s-1", out.header("Location"));
        assertTrue(out.getHeaders().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("keycard_sso=;")));

        api().auth()
                .oauth2(tokens.getString("access_token"))
                .get("oauth2/userinfo")
                .then()
                .statusCode(401)
                .body("type", containsString("token-revoked"));
        Applications.tokenRequest(base(), app)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", tokens.getString("refresh_token"))
                .post("oauth2/token")
                .then()
                .statusCode(400);
        assertFalse(signedIn(browser, app), "the session has ended");
    }

    @Test
    void anUnregisteredPostLogoutUriOrABadHintEndsNothingAndRedirectsNowhere() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        JsonPath tokens = Applications.signedIn(base(), browser, app, user);
        JsonPath id = JsonPath.from(TestTokens.payload(tokens.getString("id_token")));
        // Older than an SSO session can live (10 hours): refused as expired.
        Instant past = Instant.now().minusSeconds(11 * 3600);
        String expired = Jwt.claims()
                .issuer(TestTokens.ISSUER)
                .subject(id.getString("sub"))
                .audience(app.id())
                .claim("azp", app.id())
                .claim("sid", id.getString("sid"))
                .issuedAt(past)
                .expiresAt(past.plusSeconds(60))
                .jws()
                .keyId(JsonPath.from(TestTokens.header(tokens.getString("id_token")))
                        .getString("kid"))
                .sign(TestTokens.otherKey());
        String forged = Jwt.claims(id.getMap("$"))
                .jws()
                .keyId(JsonPath.from(TestTokens.header(tokens.getString("id_token")))
                        .getString("kid"))
                .sign(TestTokens.otherKey());

        for (Map<String, String> hostile : List.of(
                Map.of("id_token_hint", tokens.getString("id_token"), "post_logout_redirect_uri", bye(app) + "/"),
                Map.of(
                        "id_token_hint",
                        tokens.getString("id_token"),
                        "post_logout_redirect_uri",
                        "https://evil.example/"),
                Map.of("id_token_hint", forged),
                Map.of("id_token_hint", expired),
                Map.of("id_token_hint", tokens.getString("access_token")),
                Map.of("post_logout_redirect_uri", bye(app)))) {
            Response refused = browser.request().queryParams(hostile).get("oauth2/logout");
            assertEquals(400, refused.statusCode(), hostile.keySet().toString());
            assertNull(refused.header("Location"));
            refused.then().body(containsString("nobody was signed out"));
        }
        assertTrue(signedIn(browser, app), "still signed in");
        api().auth()
                .oauth2(tokens.getString("access_token"))
                .get("oauth2/userinfo")
                .then()
                .statusCode(200);
    }

    @Test
    void anIdTokenPastItsExpiryStillSignsOutWhileItsSessionCouldLive() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        JsonPath tokens = Applications.signedIn(base(), browser, app, user);
        JsonPath id = JsonPath.from(TestTokens.payload(tokens.getString("id_token")));
        Instant signedIn = Instant.now().minusSeconds(20 * 60);
        String expiredFiveMinutesAgo = TestTokens.sign(Jwt.claims()
                .issuer(TestTokens.ISSUER)
                .subject(id.getString("sub"))
                .audience(app.id())
                .claim("azp", app.id())
                .claim("sid", id.getString("sid"))
                .issuedAt(signedIn)
                .expiresAt(signedIn.plusSeconds(15 * 60)));
        Response out = browser.request()
                .queryParam("id_token_hint", expiredFiveMinutesAgo)
                .queryParam("post_logout_redirect_uri", bye(app))
                .get("oauth2/logout");
        assertEquals(302, out.statusCode());
        assertFalse(signedIn(browser, app));
    }

    @Test
    void withoutAnIdTokenKeycardAsksTheUserBeforeSigningOut() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        Applications.signedIn(base(), browser, app, user);

        Response confirm = browser.request()
                .queryParam("client_id", app.id())
                .queryParam("post_logout_redirect_uri", bye(app))
                .get("oauth2/logout");
        confirm.then().statusCode(200).body(containsString("Sign out?"));
        browser.cookies.put("keycard_form", confirm.getCookie("keycard_form"));
        assertTrue(signedIn(browser, app), "asking ends nothing");

        Map<String, String> fields = SsoBrowser.hiddenFields(confirm.asString());
        Map<String, String> withoutValue = new java.util.HashMap<>(fields);
        withoutValue.put("csrf", "A".repeat(43));
        browser.request()
                .contentType(ContentType.URLENC)
                .formParams(withoutValue)
                .post("oauth2/logout")
                .then()
                .statusCode(403);
        assertTrue(signedIn(browser, app));

        Response out = browser.request()
                .contentType(ContentType.URLENC)
                .formParams(fields)
                .post("oauth2/logout");
        assertEquals(302, out.statusCode());
        assertEquals(bye(app), out.header("Location"));
        browser.cookies.remove("keycard_sso");
        assertFalse(signedIn(browser, app));
    }

    @Test
    void everyApplicationThatTookPartHearsOfTheEndByBackChannelEvenIfItFailsAtFirst() throws Exception {
        String user = Accounts.create(base);
        App first = Applications.confidential(base(), "\"backchannel_logout_uri\":\"" + backchannel("/first") + "\"");
        String flaky = "/flaky-" + first.id();
        FAILURES_TO_GIVE.put(flaky, new AtomicInteger(1));
        App second = Applications.publicClient(base(), "\"backchannel_logout_uri\":\"" + backchannel(flaky) + "\"");
        App bystander =
                Applications.confidential(base(), "\"backchannel_logout_uri\":\"" + backchannel("/never") + "\"");
        String refusing = "/refuses-" + first.id();
        App refuser = Applications.confidential(base(), "\"backchannel_logout_uri\":\"" + backchannel(refusing) + "\"");
        SsoBrowser browser = new SsoBrowser(base());
        JsonPath tokens = Applications.signedIn(base(), browser, first, user);
        Applications.signedIn(base(), browser, second, user);
        Applications.signedIn(base(), browser, refuser, user);
        String sid =
                JsonPath.from(TestTokens.payload(tokens.getString("id_token"))).getString("sid");

        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("api/admin/users/" + user)
                .then()
                .statusCode(200);

        String firstToken = awaitLogoutToken("/first", sid);
        String secondToken = awaitLogoutToken(flaky, sid);
        for (String token : List.of(firstToken, secondToken)) {
            assertEquals("logout+jwt", JsonPath.from(TestTokens.header(token)).getString("typ"));
            JsonPath claims = JsonPath.from(TestTokens.payload(token));
            assertEquals(TestTokens.ISSUER, claims.getString("iss"));
            assertEquals(
                    JsonPath.from(TestTokens.payload(tokens.getString("id_token")))
                            .getString("sub"),
                    claims.getString("sub"));
            assertTrue(claims.getMap("events").containsKey("http://schemas.openid.net/event/backchannel-logout"));
            assertNull(claims.getString("nonce"));
        }
        assertEquals(first.id(), JsonPath.from(TestTokens.payload(firstToken)).getString("aud"));
        assertEquals(second.id(), JsonPath.from(TestTokens.payload(secondToken)).getString("aud"));
        assertNull(RECEIVED.get("/never"), bystander.id() + " took no part");
        List<String> audited = api().auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/events?type=backchannel_logout&limit=1000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("detail", String.class);
        assertTrue(audited.stream().anyMatch(d -> d.contains("client " + first.id())), "delivery audited");

        // A refusal is final: no retry 2 s later (the retry after the flaky 500 above came 2 s on).
        awaitLogoutToken(refusing, sid);
        Thread.sleep(4_000);
        assertEquals(1, RECEIVED.get(refusing).size(), "a 400 is not retried");
        assertTrue(api()
                .auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/events?type=backchannel_logout&limit=1000")
                .jsonPath()
                .getList("detail", String.class)
                .stream()
                .anyMatch(d -> d.startsWith("refused by client " + refuser.id())));
    }

    @Test
    void theSsoSessionIsListedWithTheUsersSessionsAndCanBeEndedThere() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        JsonPath tokens = Applications.signedIn(base(), browser, app, user);
        String access = tokens.getString("access_token");
        String sid =
                JsonPath.from(TestTokens.payload(tokens.getString("id_token"))).getString("sid");

        String own = Accounts.login(base, user).getString("access_token");
        api().auth()
                .oauth2(own)
                .get("api/me/sessions")
                .then()
                .statusCode(200)
                .body("kind", hasItem("sso"))
                .body("find { it.client_id != null }.client_id", equalTo(app.id()));
        api().auth().oauth2(own).delete("api/me/sessions/" + sid).then().statusCode(204);
        assertFalse(signedIn(browser, app));
        api().auth().oauth2(access).get("oauth2/userinfo").then().statusCode(401);
    }

    @Test
    void signingOutEverywhereEndsTheSsoSession() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        Applications.signedIn(base(), browser, app, user);
        String own = Accounts.login(base, user).getString("access_token");
        api().auth().oauth2(own).post("api/auth/logout-all").then().statusCode(204);
        assertFalse(signedIn(browser, app));
    }

    @Test
    void changingThePasswordEndsTheSsoSession() {
        String user = Accounts.create(base);
        App app = Applications.confidential(base(), "");
        SsoBrowser browser = new SsoBrowser(base());
        Applications.signedIn(base(), browser, app, user);
        String own = Accounts.login(base, user).getString("access_token");
        api().auth()
                .oauth2(own)
                .contentType(ContentType.JSON)
                .body("{\"current_password\":\"" + Accounts.PASSWORD
                        + "\",\"new_password\":\"another-horse-battery-staple\"}")
                .post("api/me/password")
                .then()
                .statusCode(204);
        assertFalse(signedIn(browser, app));
    }

    /** The logout token an application received for the SSO session, waiting up to 20 s for it. */
    private static String awaitLogoutToken(String path, String sid) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (String body : RECEIVED.getOrDefault(path, List.of())) {
                String token = URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8);
                if (sid.equals(JsonPath.from(TestTokens.payload(token)).getString("sid"))) {
                    return token;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no back-channel logout reached " + path);
    }
}
