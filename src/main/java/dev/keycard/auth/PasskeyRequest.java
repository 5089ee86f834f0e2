package dev.keycard.auth;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code {"credential": {...}, "cookie": false}}: the {@code PublicKeyCredential} that
 * {@code navigator.credentials.get()} returned, in WebAuthn's JSON form (AuthenticationResponseJSON),
 * answering options from {@code POST /api/auth/passkey/options}; {@code cookie} as for a login.
 */
public record PasskeyRequest(
        @NotNull(message = "is required")
        @Schema(
                description = "AuthenticationResponseJSON: id, rawId, type, response {clientDataJSON,"
                        + " authenticatorData, signature, userHandle}")
        JsonObject credential,

        @Schema(description = "true from a browser: the refresh token comes as a cookie")
        Boolean cookie) {

    boolean wantsCookie() {
        return Boolean.TRUE.equals(cookie);
    }
}
