package dev.keycard.auth;

import dev.keycard.problem.ProblemException;
import dev.keycard.user.PasswordHashing;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * {@code {"username": "...", "password": "...", "cookie": false}}; with {@code "cookie": true} the
 * refresh token comes back in a cookie for browsers ({@link RefreshCookie}). Parsed by hand from JSON-P rather than bound, so
 * that a missing or wrongly typed field gets a 400 that names it, and an oversized password is
 * refused before it ever reaches the password hash.
 */
record LoginRequest(String username, String password, boolean cookie) {

    /** Generous for any real username, small enough that nothing oversized is normalised or looked up. */
    static final int MAX_USERNAME_CHARS = 256;

    static LoginRequest from(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object with username and password.");
        }
        JsonObject object = body.asJsonObject();
        String username = string(object, "username");
        String password = string(object, "password");
        if (username.isEmpty() || username.length() > MAX_USERNAME_CHARS) {
            throw ProblemException.badRequest("username must be 1 to " + MAX_USERNAME_CHARS + " characters.");
        }
        if (password.isEmpty()) {
            throw ProblemException.badRequest("password must not be empty.");
        }
        if (password.length() > PasswordHashing.MAX_PASSWORD_BYTES
                || password.getBytes(StandardCharsets.UTF_8).length > PasswordHashing.MAX_PASSWORD_BYTES) {
            throw ProblemException.badRequest("password must be at most " + PasswordHashing.MAX_PASSWORD_BYTES
                    + " bytes (UTF-8).");
        }
        JsonValue cookie = object.getOrDefault("cookie", JsonValue.FALSE);
        if (cookie.getValueType() != JsonValue.ValueType.TRUE && cookie.getValueType() != JsonValue.ValueType.FALSE) {
            throw ProblemException.badRequest("cookie must be true or false.");
        }
        return new LoginRequest(username, password, cookie == JsonValue.TRUE);
    }

    private static String string(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ProblemException.badRequest(field + " is required.");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ProblemException.badRequest(field + " must be a string.");
        }
        return ((JsonString) value).getString();
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
