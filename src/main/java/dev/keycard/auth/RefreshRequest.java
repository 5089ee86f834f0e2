package dev.keycard.auth;

import dev.keycard.problem.PlainText;
import dev.keycard.token.Sessions;
import jakarta.validation.constraints.Size;

/** {@code {"refresh_token": "..."}}, or {@code {}} from a browser, whose refresh cookie holds it. */
public record RefreshRequest(
        @PlainText
        @Size(
                min = 1,
                max = Sessions.MAX_REFRESH_TOKEN_CHARS,
                message = "is not a Keycard refresh token (an access token is never accepted here)")
        String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[...]";
    }
}
