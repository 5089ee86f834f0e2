package dev.keycard.problem;

import dev.keycard.auth.LoginRequest;
import dev.keycard.auth.RefreshRequest;
import dev.keycard.user.UserChanges;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes arrive, reading a request body ends in the record or in a client error: a 4xx
 * problem or a Bean Validation refusal, never any other exception (which would be a 500). jqwik
 * shrinks a failing body to a small one.
 */
class JsonRequestBodyPropertiesTest {

    private static final List<Class<? extends Record>> TYPES =
            List.of(LoginRequest.class, RefreshRequest.class, UserChanges.class);

    private final JsonRequestBody reader = new JsonRequestBody();

    JsonRequestBodyPropertiesTest() {
        reader.validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();
    }

    @Property(tries = 3000)
    void anyTokenSoupIsReadOrRefusedAsAClientError(@ForAll("jsonish") String body) throws IOException {
        for (Class<? extends Record> type : TYPES) {
            readOrRefuse(type, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Property(tries = 1000)
    void anyBytesAreReadOrRefusedAsAClientError(@ForAll byte[] body) throws IOException {
        for (Class<? extends Record> type : TYPES) {
            readOrRefuse(type, body);
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of(
                        "{",
                        "}",
                        "[",
                        "]",
                        ",",
                        ":",
                        "\"username\"",
                        "\"password\"",
                        "\"refresh_token\"",
                        "\"roles\"",
                        "\"attributes\"",
                        "\"enabled\"",
                        "\"cookie\"",
                        "\"x\"",
                        "1",
                        "-0",
                        "1e999999",
                        "12345678901234567890123456789",
                        "true",
                        "false",
                        "null",
                        "\"\\u0000\"",
                        "\"\\ud800\"",
                        "\"\\udc00\"",
                        "\"\\u00e9\"",
                        "\\",
                        "\"",
                        " ",
                        "\t",
                        "\u0000",
                        "\ud800",
                        "/*",
                        "'a'"),
                Arbitraries.strings().all().ofMaxLength(3).map(s -> "\"" + s + "\""));
        Arbitrary<String> soup = token.list().ofMaxSize(60).map(tokens -> String.join("", tokens));
        Arbitrary<String> deep = Arbitraries.integers()
                .between(1, 3000)
                .map(depth -> "{\"roles\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        return Arbitraries.oneOf(soup, soup.map(s -> "{" + s + "}"), deep);
    }

    private void readOrRefuse(Class<? extends Record> type, byte[] body) throws IOException {
        @SuppressWarnings("unchecked")
        Class<Record> record = (Class<Record>) (Class<?>) type;
        try {
            reader.readFrom(
                    record, record, null, MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body));
        } catch (WebApplicationException refused) {
            int status = refused.getResponse().getStatus();
            if (status < 400 || status >= 500) {
                throw new AssertionError("status " + status + " for " + type.getSimpleName(), refused);
            }
        } catch (ValidationException invalid) {
            // Bean Validation's refusal: a 400 naming the fields (InvalidFields).
        }
    }
}
