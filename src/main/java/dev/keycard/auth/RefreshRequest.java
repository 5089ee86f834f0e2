package dev.keycard.auth;

import dev.keycard.problem.ProblemException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** {@code {"refresh_token": "..."}}. */
record RefreshRequest(String refreshToken) {

    /** Keycard's refresh tokens are 43 characters; anything much longer (an access token) is not one. */
    static final int MAX_LENGTH = 256;

    static RefreshRequest from(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object with refresh_token.");
        }
        JsonValue value = body.asJsonObject().get("refresh_token");
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            throw ProblemException.badRequest("refresh_token is required and must be a string.");
        }
        String token = ((JsonString) value).getString();
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("refresh_token is not a Keycard refresh token "
                    + "(an access token is never accepted here).");
        }
        return new RefreshRequest(token);
    }

    @Override
    public String toString() {
        return "RefreshRequest[...]";
    }
}
