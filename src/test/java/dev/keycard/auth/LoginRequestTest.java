package dev.keycard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.problem.Requests;
import org.junit.jupiter.api.Test;

class LoginRequestTest {

    private final Requests requests = Requests.validated();

    @Test
    void passwordOfExactly1024BytesIsAccepted() {
        LoginRequest request =
                requests.read(LoginRequest.class, "{\"username\":\"alice\",\"password\":\"" + "p".repeat(1024) + "\"}");
        assertEquals(1024, request.password().length());
    }

    @Test
    void passwordOverTheLimitIsRefusedBeforeAnyHashing() {
        // The body is refused while it is read: LoginResource never calls Login, so no hash runs.
        String detail = requests.refusal(
                LoginRequest.class, "{\"username\":\"alice\",\"password\":\"" + "€".repeat(342) + "\"}");
        assertEquals("password must be 1 to 1024 bytes (UTF-8).", detail);
    }

    @Test
    void nullFieldIsRefusedAsMissing() {
        assertEquals(
                "password is required.",
                requests.refusal(LoginRequest.class, "{\"username\":\"alice\",\"password\":null}"));
    }

    @Test
    void everyBrokenFieldIsNamed() {
        assertEquals(
                "password is required. username must be 1 to 256 characters.",
                requests.refusal(LoginRequest.class, "{\"username\":\"\"}"));
    }

    @Test
    void numberIsNotTakenForAUsername() {
        assertEquals(
                "username must be a string.",
                requests.refusal(LoginRequest.class, "{\"username\":42,\"password\":\"whatever-password\"}"));
    }

    @Test
    void cookieMustBeABooleanNotAWordThatLooksLikeOne() {
        assertEquals(
                "cookie must be true or false.",
                requests.refusal(
                        LoginRequest.class,
                        "{\"username\":\"alice\",\"password\":\"secret-password\",\"cookie\":\"yes\"}"));
    }

    @Test
    void passwordIsNeverPartOfTheTextForm() {
        LoginRequest request = requests.read(
                LoginRequest.class, "{\"username\":\"alice\",\"password\":\"secret-password\",\"cookie\":true}");
        assertEquals("LoginRequest[username=alice]", request.toString());
        assertTrue(request.wantsCookie());
    }
}
