package dev.keycard.passkey;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The options for {@code navigator.credentials.create()}, as WebAuthn's JSON form
 * (PublicKeyCredentialCreationOptionsJSON): binary members in base64url. Member names are
 * WebAuthn's camelCase, not Keycard's snake_case, so that the page (or
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON}) can take them as they are.
 */
public record CreationOptions(
        Rp rp,
        User user,
        String challenge,
        @JsonbProperty("pubKeyCredParams") List<CredentialParameters> pubKeyCredParams,
        long timeout,
        @JsonbProperty("excludeCredentials") List<CredentialDescriptor> excludeCredentials,
        @JsonbProperty("authenticatorSelection") AuthenticatorSelection authenticatorSelection,
        String attestation) {

    public record Rp(String id, String name) {}

    /** {@code id} is the user handle: opaque, never the username (authenticators may show or sync it). */
    public record User(
            String id,
            String name,
            @JsonbProperty("displayName") String displayName) {}

    public record CredentialParameters(String type, long alg) {}

    public record CredentialDescriptor(String type, String id, List<String> transports) {}

    public record AuthenticatorSelection(
            @JsonbProperty("residentKey") String residentKey,
            @JsonbProperty("requireResidentKey") boolean requireResidentKey,
            @JsonbProperty("userVerification") String userVerification) {}
}
