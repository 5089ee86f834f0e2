package dev.keycard.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each key's state as {@link SigningKeys#refresh} works it out from the stored times, with revoked
 * keys among them. The keys are real (generated, in clear); the repository is a list.
 */
class KeyStatesTest {

    private static final Instant NOW = Instant.now();
    private static final Duration RETIREMENT = Duration.ofMinutes(20);

    private final List<StoredSigningKey> stored = new ArrayList<>();

    private StoredSigningKey key(Instant activates, Instant revoked) throws Exception {
        StoredSigningKey key = new StoredSigningKey(
                SigningAlgorithm.ES256, SigningAlgorithm.ES256.generate(), activates, KeyEncryption.none());
        if (revoked != null) {
            var field = StoredSigningKey.class.getDeclaredField("revokedAt");
            field.setAccessible(true);
            field.set(key, revoked.atOffset(ZoneOffset.UTC));
        }
        stored.add(key);
        return key;
    }

    private SigningKeys refreshed() {
        SigningKeys keys = new SigningKeys();
        keys.algorithmName = "ES256";
        keys.retireAfter = Optional.of(RETIREMENT);
        keys.accessTtl = Duration.ofMinutes(15);
        keys.repository = new SigningKeyRepository() {
            @Override
            List<StoredSigningKey> all(SigningAlgorithm algorithm) {
                return stored;
            }
        };
        keys.refresh();
        return keys;
    }

    private static SigningKeys.State state(SigningKeys keys, StoredSigningKey key) {
        return keys.list().stream()
                .filter(k -> k.kid().equals(key.kid()))
                .findFirst()
                .orElseThrow()
                .state();
    }

    @Test
    void aRevokedActiveKeyIsNeitherPublishedNorSigningAndItsSuccessorSigns() throws Exception {
        StoredSigningKey revoked = key(NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(1));
        StoredSigningKey successor = key(NOW.minusSeconds(1), null);
        SigningKeys keys = refreshed();
        assertEquals(SigningKeys.State.revoked, state(keys, revoked));
        assertEquals(SigningKeys.State.active, state(keys, successor));
        assertEquals(successor.kid(), keys.active().kid());
        assertFalse(keys.jwks().contains(revoked.kid()));
        assertTrue(keys.jwks().contains(successor.kid()));
    }

    @Test
    void aRevokedRetiredKeyLeavesTheKeySetBeforeItsRetirementEnds() throws Exception {
        StoredSigningKey retired = key(NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(5));
        StoredSigningKey active = key(NOW.minus(Duration.ofMinutes(1)), null);
        SigningKeys keys = refreshed();
        assertEquals(SigningKeys.State.revoked, state(keys, retired));
        assertFalse(keys.jwks().contains(retired.kid()));
        assertEquals(active.kid(), keys.active().kid());
    }

    @Test
    void aRemovedKeyStaysRemovedWhenTheKeyThatReplacedItIsRevoked() throws Exception {
        StoredSigningKey removed = key(NOW.minus(Duration.ofDays(60)), null);
        StoredSigningKey revoked = key(NOW.minus(Duration.ofDays(30)), NOW.minusSeconds(1));
        StoredSigningKey successor = key(NOW.minusSeconds(1), null);
        SigningKeys keys = refreshed();
        assertEquals(SigningKeys.State.removed, state(keys, removed));
        assertFalse(keys.jwks().contains(removed.kid()));
        assertEquals(SigningKeys.State.revoked, state(keys, revoked));
        assertEquals(successor.kid(), keys.active().kid());
    }

    @Test
    void aNextKeyRevokedBeforeItSignedLeavesTheActiveKeySigning() throws Exception {
        StoredSigningKey active = key(NOW.minus(Duration.ofDays(1)), null);
        StoredSigningKey next = key(NOW.plus(Duration.ofMinutes(5)), NOW.minusSeconds(1));
        SigningKeys keys = refreshed();
        assertEquals(SigningKeys.State.active, state(keys, active));
        assertEquals(SigningKeys.State.revoked, state(keys, next));
        assertFalse(keys.jwks().contains(next.kid()));
    }

    @Test
    void aNextKeyRevokedBeforeItSignedDoesNotRetireTheKeyBeforeIt() throws Exception {
        StoredSigningKey retired = key(NOW.minus(Duration.ofDays(1)), null);
        key(NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(3)));
        StoredSigningKey active = key(NOW.minus(Duration.ofMinutes(1)), null);
        SigningKeys keys = refreshed();
        // It stopped signing a minute ago, when the active key took over: still published.
        assertEquals(SigningKeys.State.retired, state(keys, retired));
        assertTrue(keys.jwks().contains(retired.kid()));
        assertEquals(active.kid(), keys.active().kid());
    }
}
