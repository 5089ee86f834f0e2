package dev.keycard.auth;

import java.util.Optional;
import dev.keycard.problem.ProblemException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** {@code {"refresh_token": "..."}}, or {@code {}} with the browser's refresh cookie instead. */
record RefreshRequest(String refreshToken) {

    /** Keycard's refresh tokens are 43 characters; anything much longer (an access token) is not one. */
    static final int MAX_LENGTH = 256;

    /** The body's refresh token, or empty for a body without one (a browser using its cookie). */
    static Optional<RefreshRequest> from(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object with refresh_token.");
        }
        JsonValue value = body.asJsonObject().get("refresh_token");
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ProblemException.badRequest("refresh_token must be a string.");
        }
        String token = ((JsonString) value).getString();
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("refresh_token is not a Keycard refresh token "
                    + "(an access token is never accepted here).");
        }
        return Optional.of(new RefreshRequest(token));
    }

    @Override
    public String toString() {
        return "RefreshRequest[...]";
    }
}
