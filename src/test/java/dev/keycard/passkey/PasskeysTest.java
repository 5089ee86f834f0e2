package dev.keycard.passkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What Keycard derives itself: the user handle and the stored form of a challenge. */
class PasskeysTest {

    @Test
    void theUserHandleIsTheOpaqueUserIdNeverTheName() {
        String id = "0b6f8e2c-3f4a-4a57-9d0e-2d1c7e9b5a11";
        String handle = Passkeys.userHandle(id);
        assertEquals(id, new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8));
        assertTrue(Base64.getUrlDecoder().decode(handle).length <= 64, "WebAuthn allows at most 64 bytes");
        assertFalse(handle.contains("="), "base64url without padding");
    }

    @Test
    void aChallengeIsStoredOnlyAsItsHash() {
        byte[] challenge = new byte[32];
        challenge[0] = 1;
        String hash = Passkeys.challengeHash(challenge);
        assertEquals(43, hash.length());
        assertNotEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(challenge), hash);
        challenge[31] = 1;
        assertNotEquals(hash, Passkeys.challengeHash(challenge));
    }
}
