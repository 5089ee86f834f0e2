package dev.keycard.it;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test on the suite's Keycard server (keycardIT, started once for the whole
 * run) shares: the shipped WAR deployed there, its URL, and REST Assured pointed at it. Tests that
 * start servers of their own (RestartIT, ClusterIT, ...) declare their deployments themselves.
 */
@ExtendWith(ArquillianExtension.class)
abstract class KeycardIT {

    @Deployment(testable = false)
    static WebArchive keycard() {
        return Deployments.keycard();
    }

    @ArquillianResource
    URL base;

    RequestSpecification api() {
        return given().baseUri(base.toString());
    }
}
