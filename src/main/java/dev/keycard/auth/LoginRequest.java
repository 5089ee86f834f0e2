package dev.keycard.auth;

import dev.keycard.password.PasswordSize;
import dev.keycard.problem.PlainText;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code {"username": "...", "password": "...", "otp": "123456", "cookie": false}}; with
 * {@code "cookie": true} the refresh token comes back in a cookie for browsers ({@link RefreshCookie}),
 * {@code otp} is the second factor of a user who has one. Its limits are checked
 * before any account is looked up or any password hashed.
 */
public record LoginRequest(
        @NotNull(message = "is required")
        @PlainText
        @Size(
                min = 1,
                max = LoginRequest.MAX_USERNAME_CHARS,
                message = "must be 1 to " + LoginRequest.MAX_USERNAME_CHARS + " characters")
        String username,

        @NotNull(message = "is required") @PasswordSize @PlainText @Schema(description = "1 to 1024 bytes in UTF-8")
        String password,

        @Schema(description = "true from a browser: the refresh token comes as a cookie")
        Boolean cookie,

        @Pattern(regexp = LoginRequest.CODE, message = "must be a 6-digit code or a recovery code")
        @Schema(
                description =
                        "the second factor, for a user who has one: an authenticator app's code or a recovery code")
        String otp,

        @Schema(
                description = "the second factor as a passkey: the AuthenticationResponseJSON of"
                        + " navigator.credentials.get() for options from POST /api/auth/passkey/options")
        JsonObject passkey) {

    /** An app's six digits, or a recovery code (four groups of four base32 characters, dashes optional). */
    public static final String CODE = "\\d{6}|[A-Za-z2-7]{4}(-?[A-Za-z2-7]{4}){3}";

    /** Generous for any real username, small enough that nothing oversized is normalised or looked up. */
    static final int MAX_USERNAME_CHARS = 256;

    Login.Proof proof() {
        return new Login.Proof(otp, passkey == null ? null : passkey.toString());
    }

    boolean wantsCookie() {
        return Boolean.TRUE.equals(cookie);
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
