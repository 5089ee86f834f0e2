package dev.keycard.auth;

import dev.keycard.password.PasswordSize;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code {"username": "...", "password": "...", "cookie": false}}; with {@code "cookie": true} the
 * refresh token comes back in a cookie for browsers ({@link RefreshCookie}). Its limits are checked
 * before any account is looked up or any password hashed.
 */
public record LoginRequest(
        @NotNull(message = "is required")
        @Size(
                min = 1,
                max = LoginRequest.MAX_USERNAME_CHARS,
                message = "must be 1 to " + LoginRequest.MAX_USERNAME_CHARS + " characters")
        String username,

        @NotNull(message = "is required") @PasswordSize String password,
        Boolean cookie) {

    /** Generous for any real username, small enough that nothing oversized is normalised or looked up. */
    static final int MAX_USERNAME_CHARS = 256;

    boolean wantsCookie() {
        return Boolean.TRUE.equals(cookie);
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
