package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Keycard nodes on one database: node A is the suite's keycardIT server, node B the
 * keycardFreshIT server started here. Refresh races and reuse detection must hold across them.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterIT {

    private static final String NODE_B = "fresh";
    private static final String B = "http://localhost:" + System.getProperty("it.fresh.http.port", "19081") + "/";

    @Deployment(testable = false)
    static WebArchive nodeA() {
        return Deployments.keycard();
    }

    @Deployment(name = NODE_B, managed = false, testable = false)
    @TargetsContainer(NODE_B)
    static WebArchive nodeB() {
        return Deployments.keycard();
    }

    @ArquillianResource
    URL a;

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @BeforeEach
    void startNodeB() {
        controller.start(NODE_B);
        deployer.deploy(NODE_B);
    }

    @AfterEach
    void stopNodeB() {
        deployer.undeploy(NODE_B);
        controller.stop(NODE_B);
    }

    private static int refresh(String base, String token) {
        return given().baseUri(base).contentType(ContentType.JSON).body("{\"refresh_token\":\"" + token + "\"}")
                .post("api/auth/refresh").statusCode();
    }

    @Test
    void parallelRefreshesOnBothNodesGiveExactlyOneSuccess() throws Exception {
        String token = Accounts.login(a, Accounts.create(a)).getString("refresh_token");
        AtOnce.exactlyOneSucceeded(AtOnce.statuses(16, i -> () -> refresh(i % 2 == 0 ? a.toString() : B, token)));
    }

    @Test
    void reuseDetectedOnOneNodeRevokesTheFamilyOnTheOtherWithinTheStalenessBound() throws Exception {
        JsonPath first = Accounts.login(a, Accounts.create(a));
        JsonPath second = given().baseUri(a.toString()).contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + first.getString("refresh_token") + "\"}")
                .post("api/auth/refresh").then().statusCode(200).extract().jsonPath();
        Thread.sleep(2_500);
        assertEquals(401, refresh(B, first.getString("refresh_token")), "reuse on node B");
        assertEquals(401, refresh(a.toString(), second.getString("refresh_token")), "family revoked for node A");

        // Node A learns of B's revocation by its next poll: 5 s by default, plus one query.
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            Thread.sleep(250);
            status = given().baseUri(a.toString()).auth().oauth2(second.getString("access_token"))
                    .get("api/me").statusCode();
        } while (status == 200 && System.currentTimeMillis() < deadline);
        assertEquals(401, status, "node A still accepts an access token that node B revoked");
    }
}
