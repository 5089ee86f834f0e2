package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a server with no configured key, Keycard generates one and keeps it in its database: a real
 * server restart (a new JVM, so no cached key and no cached validated tokens) must keep the tokens
 * issued before it valid. This server signs with ES256, so the test also shows that algorithm
 * end to end: issued by Keycard, published in the JWKS, accepted by MicroProfile JWT. A
 * back-channel logout that could not be delivered before the stop is delivered after it.
 */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    private static final String SERVER = "fresh";
    private static final String BASE = "http://localhost:" + System.getProperty("it.fresh.http.port", "19081") + "/";

    @Deployment(name = SERVER, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static WebArchive app() {
        return Deployments.keycard();
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Test
    void tokenIssuedBeforeARestartIsStillAcceptedAfterIt() throws Exception {
        controller.start(SERVER);
        deployer.deploy(SERVER);
        try {
            String token = given().baseUri(BASE)
                    .contentType(ContentType.JSON)
                    .body("{\"username\":\"admin\",\"password\":\"" + TestTokens.ADMIN_PASSWORD + "\"}")
                    .post("api/auth/login")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
            String kidBefore = JsonPath.from(TestTokens.header(token)).getString("kid");
            assertEquals("ES256", JsonPath.from(TestTokens.header(token)).getString("alg"));
            org.junit.jupiter.api.Assertions.assertTrue(given().baseUri(BASE)
                    .get(".well-known/jwks.json")
                    .jsonPath()
                    .getList("keys.kid")
                    .contains(kidBefore));
            given().baseUri(BASE)
                    .get(".well-known/jwks.json")
                    .then()
                    .body("keys.crv", org.hamcrest.Matchers.everyItem(equalTo("P-256")))
                    .body("keys.d", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));

            // An application's back-channel logout that cannot be delivered before the stop.
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            String sid = signInToAnApplicationAndSignOut(token, "http://localhost:" + port + "/logout");

            controller.stop(SERVER);
            List<String> received = new CopyOnWriteArrayList<>();
            HttpServer application = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            application.createContext("/logout", exchange -> {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            application.start();
            try {
                controller.start(SERVER);
                awaitApplication();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            } finally {
                application.stop(0);
            }
            assertEquals(1, received.size(), "the queued back-channel logout is delivered after the restart");
            String logoutToken =
                    URLDecoder.decode(received.get(0).substring("logout_token=".length()), StandardCharsets.UTF_8);
            assertEquals(sid, JsonPath.from(TestTokens.payload(logoutToken)).getString("sid"));

            given().baseUri(BASE)
                    .auth()
                    .oauth2(token)
                    .get("api/me")
                    .then()
                    .statusCode(200)
                    .body("username", equalTo("admin"));
            String after = given().baseUri(BASE)
                    .contentType(ContentType.JSON)
                    .body("{\"username\":\"admin\",\"password\":\"" + TestTokens.ADMIN_PASSWORD + "\"}")
                    .post("api/auth/login")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
            assertEquals(
                    kidBefore,
                    JsonPath.from(TestTokens.header(after)).getString("kid"),
                    "the same key signs after the restart");
        } finally {
            deployer.undeploy(SERVER);
            controller.stop(SERVER);
        }
    }

    /**
     * Registers an application with this back-channel logout URI, signs the administrator in to it
     * through the hosted form, and signs out with the ID token: the SSO session's id.
     */
    private static String signInToAnApplicationAndSignOut(String adminToken, String backchannel) {
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String redirect = "https://" + id + ".example.com/callback";
        String secret = given().baseUri(BASE)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"client_id\":\"" + id + "\",\"redirect_uris\":[\"" + redirect + "\"],"
                        + "\"backchannel_logout_uri\":\"" + backchannel + "\"}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("client_secret");
        Applications.App app = new Applications.App(id, secret, redirect);
        SsoBrowser browser = new SsoBrowser(BASE);
        Response form = browser.authorize(Applications.authorizationRequest(app, null));
        Response signedIn = browser.signIn(form, "admin", TestTokens.ADMIN_PASSWORD);
        String code = SsoBrowser.query(signedIn.header("Location")).get("code");
        String idToken = Applications.exchange(BASE, app, code, redirect, null)
                .then()
                .statusCode(200)
                .extract()
                .path("id_token");
        browser.request()
                .queryParam("id_token_hint", idToken)
                .get("oauth2/logout")
                .then()
                .statusCode(200);
        return JsonPath.from(TestTokens.payload(idToken)).getString("sid");
    }

    /** The WAR stays in dropins across the restart; wait until Liberty has started it again. */
    private static void awaitApplication() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (given().baseUri(BASE).get(".well-known/jwks.json").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // connection refused while the server starts
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Keycard did not come back within 60 s after the restart");
    }
}
