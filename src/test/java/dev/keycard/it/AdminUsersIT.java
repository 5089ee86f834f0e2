package dev.keycard.it;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminUsersIT extends KeycardIT {

    private static final String PASSWORD = "correct-horse-battery";

    private Response create(String username, String roles) {
        return api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"roles\":" + roles + "}")
                .post("api/admin/users");
    }

    private static String uniqueName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createdUserCanSignInWithTheUserRoleOnly() {
        String name = uniqueName();
        create(name, "[\"user\"]")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/admin/users/" + name))
                .body("username", equalTo(name))
                .body("roles", contains("user"))
                .body("enabled", equalTo(true));

        String token = api().contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        api().auth().oauth2(token).get("api/me").then().statusCode(200).body("roles", contains("user"));
        api().auth().oauth2(token).get("api/admin/users").then().statusCode(403);
    }

    @Test
    void usernameThatDiffersOnlyInCaseOrWidthIsAConflict() {
        String name = uniqueName();
        create(name, "[\"user\"]").then().statusCode(201);
        create(name.toUpperCase(), "[\"user\"]").then().statusCode(409).contentType("application/problem+json");
        // Full-width letters normalise (NFKC) to the same name.
        String fullWidth = name.chars()
                .mapToObj(
                        c -> Character.isLetter(c) ? String.valueOf((char) (c - 'a' + 'ａ')) : String.valueOf((char) c))
                .reduce("", String::concat);
        create(fullWidth, "[\"user\"]").then().statusCode(409);
    }

    @Test
    void shortPasswordIsRefusedNamingTheRule() {
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + uniqueName() + "\",\"password\":\"short\"}")
                .post("api/admin/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("at least 12"));
    }

    @Test
    void creatingUsersNeedsTheAdminRole() {
        api().auth()
                .oauth2(TestTokens.user())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + uniqueName() + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("api/admin/users")
                .then()
                .statusCode(403);
    }

    @Test
    void usersAreListedInPagesAndSearchable() {
        String prefix = "pg" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            create(prefix + "-" + i, "[\"user\"]").then().statusCode(201);
        }
        api().auth()
                .oauth2(TestTokens.admin())
                .queryParam("q", prefix.toUpperCase())
                .queryParam("size", 2)
                .get("api/admin/users")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "3")
                .body("username", contains(prefix + "-0", prefix + "-1"));
        api().auth()
                .oauth2(TestTokens.admin())
                .queryParam("q", prefix)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("api/admin/users")
                .then()
                .body("username", contains(prefix + "-2"));
        api().auth()
                .oauth2(TestTokens.admin())
                .queryParam("size", 1000)
                .get("api/admin/users")
                .then()
                .statusCode(400);
    }

    @Test
    void attributesAndRolesTravelIntoTheAccessTokenAtLoginAndAtEveryRefresh() {
        String name = uniqueName();
        create(name, "[\"user\",\"auditor\"]").then().statusCode(201);
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"attributes\":{\"department\":\"sales\",\"tenant\":\"acme\"}}")
                .patch("api/admin/users/" + name)
                .then()
                .statusCode(200)
                .body("attributes.department", equalTo("sales"));
        io.restassured.path.json.JsonPath login = api().contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertCarriesTheUser(login.getString("access_token"));
        // A refresh reads the user with roles and attributes in one joined query: two roles times
        // two attributes come back as four rows, and the token must still carry each once.
        io.restassured.path.json.JsonPath refreshed = api().contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + login.getString("refresh_token") + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertCarriesTheUser(refreshed.getString("access_token"));
    }

    private static void assertCarriesTheUser(String token) {
        io.restassured.path.json.JsonPath claims = io.restassured.path.json.JsonPath.from(TestTokens.payload(token));
        org.junit.jupiter.api.Assertions.assertEquals("sales", claims.getString("department"));
        org.junit.jupiter.api.Assertions.assertEquals("acme", claims.getString("tenant"));
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of("auditor", "user"),
                claims.getList("groups", String.class).stream().sorted().toList());
    }

    @Test
    void reservedOrMalformedAttributeNamesAreRefused() {
        String name = uniqueName();
        create(name, "[\"user\"]").then().statusCode(201);
        for (String body : new String[] {
            "{\"attributes\":{\"sub\":\"someone-else\"}}",
            "{\"attributes\":{\"groups\":\"admin\"}}",
            "{\"attributes\":{\"Bad-Name\":\"x\"}}",
            "{\"attributes\":{\"n\":5}}"
        }) {
            api().auth()
                    .oauth2(TestTokens.admin())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .patch("api/admin/users/" + name)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void lastEnabledAdministratorCannotBeDemotedOrDeleted() {
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"roles\":[\"user\"]}")
                .patch("api/admin/users/admin")
                .then()
                .statusCode(409);
        api().auth()
                .oauth2(TestTokens.admin())
                .delete("api/admin/users/admin")
                .then()
                .statusCode(409);
    }

    @Test
    void unknownUserIsNotFound() {
        api().auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/users/" + uniqueName())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void attributeLimitsAreEnforced() {
        String name = uniqueName();
        create(name, "[\"user\"]").then().statusCode(201);
        StringBuilder eleven = new StringBuilder("{\"attributes\":{");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"x\"");
        }
        for (String body : new String[] {
            eleven.append("}}").toString(),
            "{\"attributes\":{\"long\":\"" + "x".repeat(257) + "\"}}",
            "{\"attributes\":{\"scp\":\"admin\"}}"
        }) {
            api().auth()
                    .oauth2(TestTokens.admin())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .patch("api/admin/users/" + name)
                    .then()
                    .statusCode(400);
        }
    }

    @Test
    void longUnicodePasswordsAreAcceptedAndOversizedOnesRefused() {
        String name = uniqueName();
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + "pässwörd-🐙-".repeat(8) + "\"}")
                .post("api/admin/users")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + "pässwörd-🐙-".repeat(8) + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200);
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + uniqueName() + "\",\"password\":\"" + "€".repeat(400) + "\"}")
                .post("api/admin/users")
                .then()
                .statusCode(400)
                .body("detail", containsString("1024 bytes"));
    }

    @Test
    void nonNumericPagingIsABadRequest() {
        api().auth()
                .oauth2(TestTokens.admin())
                .queryParam("page", "abc")
                .get("api/admin/users")
                .then()
                .statusCode(400);
        api().auth()
                .oauth2(TestTokens.admin())
                .queryParam("page", 10737419)
                .queryParam("size", 200)
                .get("api/admin/users")
                .then()
                .statusCode(400);
    }
}
