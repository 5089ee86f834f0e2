package dev.keycard.passkey;

import dev.keycard.problem.PlainText;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code {"name": "laptop", "credential": {...}}}: the {@code PublicKeyCredential} that
 * {@code navigator.credentials.create()} returned, in WebAuthn's JSON form (what its
 * {@code toJSON()} gives: binary members in base64url), answering options from
 * {@code POST /api/me/passkeys/options}.
 */
public record NewPasskey(
        @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters") @PlainText
        String name,

        @NotNull(message = "is required")
        @Schema(
                description = "RegistrationResponseJSON: id, rawId, type, response {clientDataJSON, attestationObject,"
                        + " transports}")
        JsonObject credential) {

    @Override
    public String toString() {
        return "NewPasskey[name=" + name + "]";
    }
}
