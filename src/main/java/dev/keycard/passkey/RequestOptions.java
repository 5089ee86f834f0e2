package dev.keycard.passkey;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The options for {@code navigator.credentials.get()} (PublicKeyCredentialRequestOptionsJSON, in
 * WebAuthn's camelCase). No {@code allowCredentials} for a sign-in with a discoverable passkey:
 * the browser offers every passkey it has for the RP id, and the response names the user.
 */
public record RequestOptions(
        String challenge,
        long timeout,
        @JsonbProperty("rpId") String rpId,
        @JsonbProperty("allowCredentials") List<CreationOptions.CredentialDescriptor> allowCredentials,
        @JsonbProperty("userVerification") String userVerification) {}
