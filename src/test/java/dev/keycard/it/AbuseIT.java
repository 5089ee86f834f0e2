package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Brute force and spraying. keycardIT locks for 2 s, doubling to 4 s, and trusts the test client as
 * a proxy, so each test names its own client address in X-Forwarded-For.
 */
class AbuseIT extends KeycardIT {

    /** A client address of its own per call (IPv6 documentation range, a fresh /64 each time). */
    private static String address() {
        long unique = System.nanoTime() ^ ThreadLocalRandom.current().nextLong();
        return "198.51.100.1, 2001:db8:" + Long.toHexString((unique >>> 32) & 0xffff) + ":"
                + Long.toHexString(unique & 0xffff) + "::1";
    }

    private Response login(String from, String username, String password) {
        return given().baseUri(base.toString())
                .header("X-Forwarded-For", from)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("api/auth/login");
    }

    @Test
    void fiveFailuresLockTheAccountAndTheRightPasswordDoesNotGetIn() throws InterruptedException {
        String user = Accounts.create(base);
        String from = address();
        Response wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = login(from, user, "not-the-password")
                    .then()
                    .statusCode(401)
                    .extract()
                    .response();
        }
        Response locked = login(from, user, Accounts.PASSWORD);
        locked.then().statusCode(401);
        assertEquals(wrong.asString(), locked.asString(), "a locked account must look like a wrong password");
        assertEquals(wrong.header("WWW-Authenticate"), locked.header("WWW-Authenticate"));

        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/users/" + user)
                .then()
                .body("locked_until", notNullValue());
        Thread.sleep(2_500);
        login(from, user, Accounts.PASSWORD).then().statusCode(200);
    }

    @Test
    void aBurstOfParallelGuessesCannotOutrunTheLock() throws Exception {
        String user = Accounts.create(base);
        String from = address();
        AtOnce.statuses(
                12,
                i -> () -> login(from, user, i == 11 ? Accounts.PASSWORD : "guess-number-" + i)
                        .statusCode());
        // Eleven wrong guesses at once: whatever the order, the account is locked now.
        login(from, user, Accounts.PASSWORD).then().statusCode(401);
    }

    @Test
    void anAdministratorCanUnlockAnAccount() {
        String user = Accounts.create(base);
        String from = address();
        for (int i = 0; i < 5; i++) {
            login(from, user, "not-the-password");
        }
        login(from, user, Accounts.PASSWORD).then().statusCode(401);
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .post("api/admin/users/" + user + "/unlock")
                .then()
                .statusCode(204);
        login(from, user, Accounts.PASSWORD).then().statusCode(200);
    }

    @Test
    void anAddressSprayingManyAccountsGets429WithRetryAfter() {
        String from = address();
        for (int i = 0; i < 20; i++) {
            login(from, "nobody-" + i, "sprayed-password-1").then().statusCode(401);
        }
        Response throttled = login(from, "admin", TestTokens.ADMIN_PASSWORD);
        throttled
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:keycard:problem:too-many-requests"));
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 61, "Retry-After " + retryAfter);
        // Another address is not affected.
        login(address(), "admin", TestTokens.ADMIN_PASSWORD).then().statusCode(200);
    }

    @Test
    void aGuessablePasswordIsRefusedSayingWhyAndNoUserIsCreated() {
        String name = "u" + System.nanoTime();
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"password1234\"}")
                .post("api/admin/users")
                .then()
                .statusCode(400)
                .body("detail", containsString("password is too easy to guess: This is a very common password."))
                .body("errors[0].pointer", equalTo("#/password"));
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/users/" + name)
                .then()
                .statusCode(404);
    }

    @Test
    void aPasswordBuiltOnTheUsernameIsRefusedAtAReset() {
        String name = "qmz" + System.nanoTime();
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"Zebra-Motor-Lantern-9\"}")
                .post("api/admin/users")
                .then()
                .statusCode(201);
        given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"password\":\"" + name + "!\"}")
                .post("api/admin/users/" + name + "/password")
                .then()
                .statusCode(400)
                .body("detail", containsString("password is too easy to guess"));
    }
}
