package dev.keycard.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LoginIT extends KeycardIT {

    private static final String PROBLEM = "application/problem+json";

    private Response login(String username, String password) {
        return api().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("api/auth/login");
    }

    @Test
    void loginReturnsOAuthTokenResponseThatIsNeverCached() {
        login("admin", TestTokens.ADMIN_PASSWORD)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("access_token", notNullValue());
    }

    @Test
    void issuedTokenCarriesTheDocumentedClaimsAndKeyId() {
        String token = login("admin", TestTokens.ADMIN_PASSWORD)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        JsonPath header = JsonPath.from(TestTokens.header(token));
        JsonPath claims = JsonPath.from(TestTokens.payload(token));
        assertEquals("RS256", header.getString("alg"));
        assertEquals(TestTokens.KID, header.getString("kid"));
        assertEquals(TestTokens.ISSUER, claims.getString("iss"));
        assertEquals(TestTokens.AUDIENCE, claims.getString("aud"));
        assertEquals("admin", claims.getString("upn"));
        assertNotEquals("admin", claims.getString("sub"), "sub is the stable user id, not the username");
        assertEquals(900L, claims.getLong("exp") - claims.getLong("iat"));
        assertEquals(36, claims.getString("jti").length());
        org.hamcrest.MatcherAssert.assertThat(claims.getList("groups"), hasItems("admin"));
    }

    @Test
    void issuedTokenIsAcceptedByProtectedEndpoints() {
        String token =
                login("admin", TestTokens.ADMIN_PASSWORD).then().extract().path("access_token");
        api().auth().oauth2(token).get("api/me").then().statusCode(200).body("username", equalTo("admin"));
    }

    @Test
    void unknownUserWrongPasswordAndDisabledAccountLookIdentical() {
        String disabled = "disabled-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a-long-enough-password";
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + disabled + "\",\"password\":\"" + password + "\",\"enabled\":false}")
                .post("api/admin/users")
                .then()
                .statusCode(201);

        Response unknown = login("nobody-" + UUID.randomUUID(), password);
        Response wrongPassword = login("admin", "not-the-admin-password");
        Response disabledAccount = login(disabled, password);

        for (Response response : new Response[] {unknown, wrongPassword, disabledAccount}) {
            response.then()
                    .statusCode(401)
                    .contentType(PROBLEM)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("type", equalTo("urn:keycard:problem:invalid-credentials"));
        }
        assertEquals(unknown.asString(), wrongPassword.asString());
        assertEquals(unknown.asString(), disabledAccount.asString());
        assertEquals(unknown.header("WWW-Authenticate"), disabledAccount.header("WWW-Authenticate"));
        assertEquals(unknown.header("Cache-Control"), disabledAccount.header("Cache-Control"));
    }

    @Test
    void usernameIsMatchedCaseInsensitively() {
        login("ADMIN", TestTokens.ADMIN_PASSWORD).then().statusCode(200);
    }

    @Test
    void malformedJsonIsRefused() {
        api().contentType(ContentType.JSON)
                .body("{\"username\": \"admin\",")
                .post("api/auth/login")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400));
    }

    @Test
    void missingPasswordIsRefused() {
        api().contentType(ContentType.JSON)
                .body("{\"username\":\"admin\"}")
                .post("api/auth/login")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("password"));
    }

    @Test
    void wronglyTypedUsernameIsRefused() {
        api().contentType(ContentType.JSON)
                .body("{\"username\":42,\"password\":\"whatever-password\"}")
                .post("api/auth/login")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("username"));
    }

    @Test
    void bodyThatIsNotAnObjectIsRefused() {
        api().contentType(ContentType.JSON)
                .body("[\"admin\"]")
                .post("api/auth/login")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void wrongContentTypeIsRefused() {
        api().contentType(ContentType.URLENC)
                .formParam("username", "admin")
                .formParam("password", "x")
                .post("api/auth/login")
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
    }

    @Test
    void oversizedBodyIsRefused() {
        String padding = "x".repeat(20_000);
        api().contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"password\":\"secret\",\"padding\":\"" + padding + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
    }

    @Test
    void oversizedChunkedBodyIsRefused() throws Exception {
        byte[] body = ("{\"username\":\"admin\",\"password\":\"" + "x".repeat(20_000) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        base.toURI().resolve("api/auth/login"))
                .header("Content-Type", "application/json")
                // No length: the body goes out chunked, so only the streaming cap can catch it.
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body)))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void passwordOverTheByteLimitIsRefusedAsBadRequest() {
        // 600 two-byte characters: 600 chars but 1,200 bytes.
        login("admin", "é".repeat(600))
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("1024 bytes"));
    }

    @Test
    void aBrokenFieldIsNamedByItsJsonPointerAndItsValueIsNeverRepeated() {
        String oversized = "é".repeat(600);
        String body = login("admin", oversized)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("#/password"))
                .body("errors[0].detail", equalTo("must be 1 to 1024 bytes (UTF-8)"))
                .extract()
                .asString();
        assertFalse(body.contains("éé"), body);
    }

    @Test
    void getOnLoginIsNotAllowed() {
        api().get("api/auth/login").then().statusCode(405).contentType(PROBLEM).header("Allow", containsString("POST"));
    }
}
