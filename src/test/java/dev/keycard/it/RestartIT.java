package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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
 * end to end: issued by Keycard, published in the JWKS, accepted by MicroProfile JWT.
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

            controller.stop(SERVER);
            controller.start(SERVER);
            awaitApplication();

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
