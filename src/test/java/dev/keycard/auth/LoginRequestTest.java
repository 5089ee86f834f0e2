package dev.keycard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keycard.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class LoginRequestTest {

    private static JsonValue body(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build();
    }

    @Test
    void passwordOfExactly1024BytesIsAccepted() {
        assertEquals(1024, LoginRequest.from(body("alice", "p".repeat(1024))).password().length());
    }

    @Test
    void passwordOverTheLimitIsRefusedBeforeAnyHashing() {
        // LoginResource parses before it authenticates: a refusal here means no hash is computed.
        ProblemException error = assertThrows(ProblemException.class,
                () -> LoginRequest.from(body("alice", "€".repeat(342))));
        assertEquals(400, error.getResponse().getStatus());
    }

    @Test
    void nullFieldIsRefusedAsMissing() {
        JsonValue body = Json.createObjectBuilder().add("username", "alice").addNull("password").build();
        assertEquals(400, assertThrows(ProblemException.class, () -> LoginRequest.from(body)).getResponse().getStatus());
    }

    @Test
    void passwordIsNeverPartOfTheTextForm() {
        assertEquals("LoginRequest[username=alice]", LoginRequest.from(body("alice", "secret-password")).toString());
    }
}
