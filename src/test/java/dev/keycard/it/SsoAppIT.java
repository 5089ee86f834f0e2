package dev.keycard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import example.sso.MeServlet;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Single sign-on with relying parties nobody here wrote: the example application in
 * examples/sso-app, protected by Open Liberty's own openidConnectClient-1.0 with nothing but
 * configuration, signs a user in through Keycard's hosted page in headless Chromium and calls
 * Keycard's userinfo with the access token it got. A second client of the same server (reached
 * as 127.0.0.1, so the browser holds none of the first one's cookies) gets the user in without a
 * password; signing out of the first ends the second too, by back-channel logout.
 */
class SsoAppIT extends KeycardIT {

    private static final String KEYCARD = TestTokens.ISSUER;
    private static final String FIRST = "http://localhost:19084";
    private static final String SECOND = "http://127.0.0.1:19084";
    private static final Path SERVER =
            Path.of(System.getProperty("wlp.home", "target/liberty/wlp"), "usr/servers/ssoIT");

    @ArquillianResource
    ContainerController controller;

    private WebDriver browser;

    @BeforeAll
    static void needsChromium() {
        assumeFalse(PostgreSqlTestDatabase.inUse(), "the relying party is tested on the H2 run");
        Chromium.require("SsoAppIT");
    }

    @BeforeEach
    void startBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (controller.isStarted("sso")) {
            controller.stop("sso");
        }
    }

    /** Registers a client for the example at Keycard, as an administrator would: its id and secret. */
    private String[] register(String base, String liberty) {
        String id = "sso-app-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"client_id\":\"" + id + "\",\"client_name\":\"Example application\","
                        + "\"redirect_uris\":[\"" + base + "/oidcclient/redirect/" + liberty + "\"],"
                        + "\"post_logout_redirect_uris\":[\"" + base + "/sso-app/signed-out\"],"
                        + "\"backchannel_logout_uri\":\"" + base + "/oidcclient/backchannel_logout/" + liberty + "\"}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("client_secret");
        return new String[] {id, secret};
    }

    /**
     * The two clients as the server's configuration: the example's own element gets the first
     * (by its variables), a copy of it the second; each answers the host the browser used.
     */
    private void configure(String[] first, String[] second) throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- TEST MATERIAL ONLY, written by SsoAppIT: the clients it registered at Keycard. -->
                <server>
                    <variable name="sso.client.id" value="%s"/>
                    <variable name="sso.client.secret" value="%s"/>
                    <openidConnectClient id="keycard" authFilterRef="firstHost"/>
                    <authFilter id="firstHost"><host name="localhost" matchType="contains"/></authFilter>
                    <openidConnectClient id="keycard2" authFilterRef="secondHost"
                        clientId="%s" clientSecret="%s"
                        issuerIdentifier="${keycard.issuer}"
                        authorizationEndpointUrl="${keycard.issuer}/oauth2/authorize"
                        tokenEndpointUrl="${keycard.issuer}/oauth2/token"
                        jwkEndpointUrl="${keycard.issuer}/.well-known/jwks.json"
                        userInfoEndpointUrl="${keycard.issuer}/oauth2/userinfo"
                        httpsRequired="false" redirectToRPHostAndPort="%s" isClientSideRedirectSupported="false"
                        scope="openid profile" pkceCodeChallengeMethod="S256" nonceEnabled="true"
                        tokenEndpointAuthMethod="basic" signatureAlgorithm="RS256" clockSkew="60s"
                        userIdentifier="preferred_username" groupIdentifier="groups" userInfoEndpointEnabled="false"/>
                    <authFilter id="secondHost"><host name="127.0.0.1" matchType="contains"/></authFilter>
                </server>
                """.formatted(first[0], first[1], second[0], second[1], SECOND);
        Files.writeString(SERVER.resolve("configDropins/overrides/clients.xml"), xml, StandardCharsets.UTF_8);
        Files.createDirectories(SERVER.resolve("apps"));
        ShrinkWrap.create(WebArchive.class, "sso-app.war")
                .addPackage(MeServlet.class.getPackage())
                .as(ZipExporter.class)
                .exportTo(SERVER.resolve("apps/sso-app.war").toFile(), true);
    }

    @Test
    void libertysOpenIdConnectClientSignsInThroughKeycardAndASecondClientNeedsNoPasswordUntilSignOut()
            throws Exception {
        String[] first = register(FIRST, "keycard");
        String[] second = register(SECOND, "keycard2");
        configure(first, second);
        controller.start("sso");
        String user = Accounts.create(base);

        browser.get(FIRST + "/sso-app/me");
        waitUntil(() -> browser.getCurrentUrl().startsWith(KEYCARD + "/oauth2/authorize"));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        JsonPath me = page(FIRST + "/sso-app/me");
        assertEquals(user, me.getString("user"));
        assertEquals(200, me.getInt("userinfo_status"));
        assertEquals(user, me.getString("userinfo.preferred_username"));
        assertEquals(first[0], me.getString("access_token_claims.client_id"));

        browser.get(SECOND + "/sso-app/me");
        JsonPath again = page(SECOND + "/sso-app/me");
        assertEquals(user, again.getString("user"), "signed in by the SSO session, no form");
        assertEquals(second[0], again.getString("access_token_claims.client_id"));

        browser.get(FIRST + "/sso-app/logout");
        browser.findElement(By.id("sign-out")).click();
        waitUntil(() -> browser.getCurrentUrl().startsWith(FIRST + "/sso-app/signed-out"));
        awaitBackChannelDelivery(second[0]);

        browser.get(SECOND + "/sso-app/me");
        waitUntil(() -> browser.getCurrentUrl().startsWith(KEYCARD + "/oauth2/authorize"));
        assertTrue(browser.findElements(By.name("password")).size() == 1, "signed out of the second too");
    }

    /** The JSON the example's page shows, once the browser has landed on it. */
    private JsonPath page(String url) {
        waitUntil(() -> browser.getCurrentUrl().startsWith(url));
        return JsonPath.from(browser.findElement(By.tagName("body")).getText());
    }

    private void awaitBackChannelDelivery(String clientId) {
        waitUntil(() -> {
            List<String> details = api().auth()
                    .oauth2(TestTokens.admin())
                    .get("api/admin/events?type=backchannel_logout&limit=1000")
                    .jsonPath()
                    .getList("detail", String.class);
            return details.stream().anyMatch(d -> d.startsWith("delivered to client " + clientId + " "));
        });
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
    }
}
