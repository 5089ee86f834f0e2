package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
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
 * Key rotation on the keycardFreshIT server, which generates its keys and rotates in seconds: a
 * new key is published 4 s before it signs, and a superseded key stays published for 8 s.
 */
@ExtendWith(ArquillianExtension.class)
class RotationIT {

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

    private static JsonPath login() {
        return given().baseUri(BASE)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"password\":\"" + TestTokens.ADMIN_PASSWORD + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String kid(String token) {
        return JsonPath.from(TestTokens.header(token)).getString("kid");
    }

    private static String state(String admin, String kid) {
        return keyState(BASE, admin, kid);
    }

    /** The state {@code GET /api/admin/keys} lists for {@code kid} on the node at {@code base}, or "absent". */
    static String keyState(String base, String admin, String kid) {
        List<Map<String, Object>> keys = given().baseUri(base)
                .auth()
                .oauth2(admin)
                .get("api/admin/keys")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return keys.stream()
                .filter(k -> kid.equals(k.get("kid")))
                .map(k -> (String) k.get("state"))
                .findFirst()
                .orElse("absent");
    }

    /** A service client registered by the admin, as {client_id, client_secret}. */
    private static JsonPath client(String admin) {
        return given().baseUri(BASE)
                .auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"client_id\":\"rotation-check\",\"roles\":[\"user\"]}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** POSTs the token to an OAuth endpoint (introspect, revoke) as the client; answers the response body. */
    private static JsonPath asClient(JsonPath client, String endpoint, String token) {
        return given().baseUri(BASE)
                .auth()
                .preemptive()
                .basic(client.getString("client_id"), client.getString("client_secret"))
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post("oauth2/" + endpoint)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> published() {
        return given().baseUri(BASE).get(".well-known/jwks.json").jsonPath().getList("keys.kid");
    }

    @Test
    void aKeyGoesFromNextToActiveToRetiredToRemovedWithoutDowntime() throws Exception {
        controller.start(SERVER);
        deployer.deploy(SERVER);
        try {
            String admin = login().getString("access_token");
            String oldKid = kid(admin);
            String oldToken = login().getString("access_token");
            String unusedOldToken = login().getString("access_token");
            String revokedOldToken = login().getString("access_token");
            JsonPath client = client(admin);

            String newKid = given().baseUri(BASE)
                    .auth()
                    .oauth2(admin)
                    .post("api/admin/keys/rotate")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("kid");
            assertNotEquals(oldKid, newKid);
            assertEquals("next", state(admin, newKid));
            assertEquals(
                    List.of(oldKid, newKid),
                    published().subList(published().size() - 2, published().size()));
            assertEquals(oldKid, kid(login().getString("access_token")), "a next key must not sign yet");

            Thread.sleep(5_500);
            String newToken = login().getString("access_token");
            assertEquals(newKid, kid(newToken), "the new key signs once its publish-ahead time has passed");
            assertEquals("active", state(newToken, newKid));
            assertEquals("retired", state(newToken, oldKid));
            given().baseUri(BASE).auth().oauth2(newToken).get("api/me").then().statusCode(200);
            given().baseUri(BASE).auth().oauth2(oldToken).get("api/me").then().statusCode(200);
            // Introspection and revocation trust the same keys as the bearer check: the retired one too.
            assertEquals(true, asClient(client, "introspect", oldToken).getBoolean("active"));
            assertEquals(oldKid, kid(oldToken));
            asClient(client, "revoke", revokedOldToken);
            assertEquals(false, asClient(client, "introspect", revokedOldToken).getBoolean("active"));
            given().baseUri(BASE)
                    .auth()
                    .oauth2(revokedOldToken)
                    .get("api/me")
                    .then()
                    .statusCode(401);

            Thread.sleep(9_000);
            assertEquals("removed", state(newToken, oldKid));
            assertEquals(false, published().contains(oldKid));
            given().baseUri(BASE)
                    .auth()
                    .oauth2(unusedOldToken)
                    .get("api/me")
                    .then()
                    .statusCode(401);
            assertEquals(false, asClient(client, "introspect", unusedOldToken).getBoolean("active"));
            given().baseUri(BASE)
                    .auth()
                    .oauth2(newToken)
                    .get("api/me")
                    .then()
                    .statusCode(200)
                    .body("username", equalTo("admin"));
        } finally {
            deployer.undeploy(SERVER);
            controller.stop(SERVER);
        }
    }
}
