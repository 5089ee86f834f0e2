package dev.keycard.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The introspection and revocation form: {@code token}, and an optional {@code token_type_hint},
 * which only saves work (Keycard's two kinds of token cannot be confused), so it is not needed.
 */
public record TokenHint(
        @NotBlank String token,

        @Schema(description = "access_token or refresh_token")
        String tokenTypeHint) {

    static TokenHint from(HttpServletRequest form) {
        String token = form.getParameter("token");
        if (token == null || token.isBlank()) {
            throw OAuthError.invalidRequest("token is required.");
        }
        return new TokenHint(token, form.getParameter("token_type_hint"));
    }

    @Override
    public String toString() {
        return "TokenHint[...]";
    }
}
