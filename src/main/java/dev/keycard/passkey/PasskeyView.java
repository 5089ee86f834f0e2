package dev.keycard.passkey;

import java.time.Instant;

/**
 * A passkey as its owner sees it: never key material. {@code deviceBound}: the authenticator says
 * the key cannot leave it (no backup eligibility); otherwise it is a synced passkey, which a
 * password manager or a phone vendor's cloud may copy to the owner's other devices.
 */
public record PasskeyView(
        String id, String name, Instant created, Instant lastUsed, boolean deviceBound, boolean backedUp) {

    static PasskeyView of(Passkey passkey) {
        return new PasskeyView(
                passkey.id(),
                passkey.name(),
                passkey.createdAt(),
                passkey.lastUsedAt(),
                !passkey.backupEligible(),
                passkey.backedUp());
    }
}
