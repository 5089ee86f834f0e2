package dev.keycard.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.UUID;

/** Creates throw-away users through the admin API and signs them in, for the lifecycle tests. */
final class Accounts {

    static final String PASSWORD = "correct-horse-battery";

    private Accounts() {
    }

    static String create(URL base) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 10);
        given().baseUri(base.toString()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"user\"]}")
                .post("api/admin/users").then().statusCode(201);
        return name;
    }

    /** The token response of a fresh login. */
    static JsonPath login(URL base, String username) {
        return login(base, username, PASSWORD);
    }

    static JsonPath login(URL base, String username, String password) {
        return given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("api/auth/login").then().statusCode(200).extract().jsonPath();
    }
}
