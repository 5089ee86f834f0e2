package dev.keycard.passkey;

/** What a sign-in with a passkey led to. */
public sealed interface Assertion {

    /**
     * The user proved presence and verification with this passkey. {@code deviceBound}: the key
     * cannot leave its authenticator (amr {@code hwk}); otherwise a synced passkey ({@code swk}).
     */
    record Verified(String userId, String passkeyId, boolean deviceBound) implements Assertion {}

    /** Refused; {@code reason} is for the audit trail only, never for the caller. */
    record Refused(String reason) implements Assertion {}
}
