package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import example.resource.ReportsResource;
import example.resource.ResourceApplication;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example service in examples/resource-server, configured with nothing but Keycard's issuer
 * and JWKS URL, accepts Keycard's user and client tokens, and keeps accepting new tokens after a
 * key rotation without a restart. Keycard here is keycardFreshIT (generated, rotating ES256 keys).
 */
@ExtendWith(ArquillianExtension.class)
class ResourceServerIT {

    private static final String KEYCARD = "http://localhost:" + System.getProperty("it.fresh.http.port", "19081") + "/";
    private static final String SERVICE = "http://localhost:19082/resource-server/";

    @Deployment(name = "keycard", managed = false, testable = false)
    @TargetsContainer("fresh")
    static WebArchive keycard() {
        return Deployments.keycard();
    }

    @Deployment(name = "service", managed = false, testable = false)
    @TargetsContainer("resource")
    static WebArchive service() {
        return ShrinkWrap.create(WebArchive.class, "resource-server.war")
                .addClasses(ResourceApplication.class, ReportsResource.class, ReportsResource.Reports.class);
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private static String login() {
        return given().baseUri(KEYCARD)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"password\":\"" + TestTokens.ADMIN_PASSWORD + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    @Test
    void anotherServiceTrustsKeycardsTokensThroughConfigurationAloneAcrossARotation() throws Exception {
        controller.start("fresh");
        deployer.deploy("keycard");
        controller.start("resource");
        deployer.deploy("service");
        try {
            String admin = login();
            given().baseUri(SERVICE).get("api/reports").then().statusCode(401);
            given().baseUri(SERVICE)
                    .auth()
                    .oauth2(admin)
                    .get("api/reports")
                    .then()
                    .statusCode(200)
                    .body("caller", equalTo("admin"));

            String clientId = "reports-" + UUID.randomUUID().toString().substring(0, 8);
            String secret = given().baseUri(KEYCARD)
                    .auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body("{\"client_id\":\"" + clientId + "\",\"roles\":[\"user\"]}")
                    .post("api/admin/clients")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("client_secret");
            String clientToken = given().baseUri(KEYCARD)
                    .auth()
                    .preemptive()
                    .basic(clientId, secret)
                    .contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials")
                    .post("oauth2/token")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
            given().baseUri(SERVICE)
                    .auth()
                    .oauth2(clientToken)
                    .get("api/reports")
                    .then()
                    .statusCode(200)
                    .body("clientId", equalTo(clientId));

            String oldKid = JsonPath.from(TestTokens.header(admin)).getString("kid");
            given().baseUri(KEYCARD)
                    .auth()
                    .oauth2(admin)
                    .post("api/admin/keys/rotate")
                    .then()
                    .statusCode(202);
            Thread.sleep(5_500);
            String rotated = login();
            assertNotEquals(oldKid, JsonPath.from(TestTokens.header(rotated)).getString("kid"));
            given().baseUri(SERVICE)
                    .auth()
                    .oauth2(rotated)
                    .get("api/reports")
                    .then()
                    .statusCode(200)
                    .body("caller", equalTo("admin"));
        } finally {
            deployer.undeploy("service");
            controller.stop("resource");
            deployer.undeploy("keycard");
            controller.stop("fresh");
        }
    }
}
