package dev.keycard.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keycard.auth.LoginRequest;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRequestBodyTest {

    private final Requests requests = Requests.validated();

    @Test
    void aBodyNestedAThousandLevelsIsA400NotAParserCrash() {
        // Parsson's own limit (1000) threw a bare RuntimeException: a 500 with a stack trace.
        String body = "{\"username\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertEquals("The request body is nested deeper than 32 levels.", requests.refusal(LoginRequest.class, body));
    }

    @Test
    void thirtyTwoLevelsAreReadAndThirtyThreeAreNot() {
        assertEquals(
                "username must be a string.",
                requests.refusal(LoginRequest.class, "{\"username\":" + "[".repeat(31) + "]".repeat(31) + "}"));
        assertEquals(
                "The request body is nested deeper than 32 levels.",
                requests.refusal(LoginRequest.class, "{\"username\":" + "[".repeat(32) + "]".repeat(32) + "}"));
    }

    @Test
    void anythingAfterTheDocumentIsRefused() {
        String valid = "{\"username\":\"alice\",\"password\":\"secret-enough\"}";
        requests.read(LoginRequest.class, valid);
        for (String tail : new String[] {"x", "{}", "0", "]"}) {
            assertEquals("The request body is not valid JSON.", requests.refusal(LoginRequest.class, valid + tail));
        }
    }

    @Test
    void nulAndUnpairedSurrogatesInAnyMemberAreRefusedByName() {
        assertEquals(
                "username must not contain NUL characters or unpaired surrogates.",
                requests.refusal(LoginRequest.class, "{\"username\":\"al\\u0000ice\",\"password\":\"secret-enough\"}"));
        assertEquals(
                "password must not contain NUL characters or unpaired surrogates.",
                requests.refusal(LoginRequest.class, "{\"username\":\"alice\",\"password\":\"secret\\ud800\"}"));
        assertEquals(
                "password must not contain NUL characters or unpaired surrogates.",
                requests.refusal(LoginRequest.class, "{\"username\":\"alice\",\"password\":\"\\udc00secret\"}"));
        // A pair is one character (an emoji here), not two halves.
        requests.read(LoginRequest.class, "{\"username\":\"alice\",\"password\":\"secret\\ud83d\\ude00\"}");
    }

    @Test
    void otherControlCharactersInCredentialsBreakTheirRule() {
        assertEquals(
                "password " + PlainText.RULE + ".",
                requests.refusal(LoginRequest.class, "{\"username\":\"alice\",\"password\":\"secret\\u0007\"}"));
        assertEquals(
                "username " + PlainText.RULE + ".",
                requests.refusal(LoginRequest.class, "{\"username\":\"alice\\n\",\"password\":\"secret\"}"));
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        byte[] body = "{\"username\":\"al?ce\",\"password\":\"secret-enough\"}".getBytes(StandardCharsets.UTF_8);
        body[15] = (byte) 0xff;
        ProblemException refused =
                assertThrows(ProblemException.class, () -> read(body, MediaType.APPLICATION_JSON_TYPE));
        assertEquals(400, refused.getResponse().getStatus());
        assertEquals("The request body is not valid UTF-8.", detail(refused));
    }

    @Test
    void anotherCharsetOrAWildcardIsA415() throws java.io.IOException {
        byte[] body = "{\"username\":\"alice\",\"password\":\"secret\"}".getBytes(StandardCharsets.UTF_8);
        for (MediaType type : new MediaType[] {
            new MediaType("application", "json", Map.of("charset", "ISO-8859-1")), MediaType.WILDCARD_TYPE
        }) {
            ProblemException refused = assertThrows(ProblemException.class, () -> read(body, type));
            assertEquals(415, refused.getResponse().getStatus(), type.toString());
        }
        read(body, new MediaType("application", "json", Map.of("charset", "utf-8")));
    }

    private static Record read(byte[] body, MediaType type) throws java.io.IOException {
        JsonRequestBody reader = new JsonRequestBody();
        reader.validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();
        @SuppressWarnings("unchecked")
        Class<Record> login = (Class<Record>) (Class<?>) LoginRequest.class;
        return reader.readFrom(login, login, null, type, null, new ByteArrayInputStream(body));
    }

    private static String detail(ProblemException refused) {
        return Json.createReader(new StringReader((String) refused.getResponse().getEntity()))
                .readObject()
                .getString("detail");
    }
}
