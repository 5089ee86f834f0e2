package dev.keycard.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.UUID;

/** Creates throw-away users through the admin API and signs them in, for the lifecycle tests. */
final class Accounts {

    static final String PASSWORD = "correct-horse-battery";

    private Accounts() {}

    static String create(URL base) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 10);
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"user\"]}")
                .post("api/admin/users")
                .then()
                .statusCode(201);
        return name;
    }

    /**
     * For servers that do not trust the test key (they generate their own): the bootstrap
     * administrator signs in to create the user. Returns its name.
     */
    static String createThroughAdmin(String base, boolean admin) {
        String name = "a" + UUID.randomUUID().toString().substring(0, 10);
        given().baseUri(base)
                .auth()
                .oauth2(adminToken(base))
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":"
                        + (admin ? "[\"user\",\"admin\"]" : "[\"user\"]") + "}")
                .post("api/admin/users")
                .then()
                .statusCode(201);
        return name;
    }

    /** An access token of the bootstrap administrator, by signing in. */
    static String adminToken(String base) {
        return given().baseUri(base)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"password\":\"" + TestTokens.ADMIN_PASSWORD + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** The token response of a fresh login. */
    static JsonPath login(URL base, String username) {
        return login(base, username, PASSWORD);
    }

    static JsonPath login(URL base, String username, String password) {
        return given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
