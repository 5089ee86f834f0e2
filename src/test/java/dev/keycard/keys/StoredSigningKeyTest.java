package dev.keycard.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A stored key under each configuration, as the start-up migration and re-wrap see it: what is
 * written to the row, and whether the row opens. No database: the row's fields are the record.
 */
class StoredSigningKeyTest {

    private static final KeyPair PAIR = SigningAlgorithm.ES256.generate();

    private static KeyEncryption kek(String current) {
        return KeyEncryption.of(Optional.of(current), Optional.empty());
    }

    private static String storedPrivateKey(StoredSigningKey key) throws Exception {
        var field = StoredSigningKey.class.getDeclaredField("privateKey");
        field.setAccessible(true);
        return (String) field.get(key);
    }

    private static boolean isClearPkcs8(String stored) {
        try {
            KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(stored)));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void withoutAKeyEncryptionKeyTheKeyIsStoredInClearAsBefore() throws Exception {
        StoredSigningKey key = new StoredSigningKey(SigningAlgorithm.ES256, PAIR, Instant.now(), KeyEncryption.none());
        assertNull(key.kekId());
        assertTrue(isClearPkcs8(storedPrivateKey(key)));
        assertEquals(PAIR.getPrivate(), key.toSigningKey(KeyEncryption.none()).privateKey());
    }

    @Test
    void withAKeyEncryptionKeyNoClearPkcs8IsStored() throws Exception {
        KeyEncryption encryption = kek(KeyEncryptionTest.newKek());
        StoredSigningKey key = new StoredSigningKey(SigningAlgorithm.ES256, PAIR, Instant.now(), encryption);
        assertEquals(encryption.currentId(), key.kekId());
        assertFalse(isClearPkcs8(storedPrivateKey(key)));
        assertEquals(PAIR.getPrivate(), key.toSigningKey(encryption).privateKey());
    }

    @Test
    void aClearKeyIsEncryptedOnceAKeyEncryptionKeyIsSet() throws Exception {
        StoredSigningKey key = new StoredSigningKey(SigningAlgorithm.ES256, PAIR, Instant.now(), KeyEncryption.none());
        KeyEncryption encryption = kek(KeyEncryptionTest.newKek());
        assertFalse(key.sealedAsIn(encryption));
        key.reseal(encryption);
        assertTrue(key.sealedAsIn(encryption));
        assertFalse(isClearPkcs8(storedPrivateKey(key)));
        assertEquals(PAIR.getPrivate(), key.toSigningKey(encryption).privateKey());
    }

    @Test
    void aKeyUnderThePreviousKeyEncryptionKeyIsRewrappedToTheCurrentOne() {
        String old = KeyEncryptionTest.newKek();
        StoredSigningKey key = new StoredSigningKey(SigningAlgorithm.ES256, PAIR, Instant.now(), kek(old));
        KeyEncryption changed = KeyEncryption.of(Optional.of(KeyEncryptionTest.newKek()), Optional.of(old));
        assertFalse(key.sealedAsIn(changed));
        key.reseal(changed);
        assertEquals(changed.currentId(), key.kekId());
        KeyEncryption withoutTheOldKey =
                KeyEncryption.of(Optional.of(Base64.getEncoder().encodeToString(new byte[32])), Optional.empty());
        assertThrows(KeyEncryption.Refused.class, () -> key.toSigningKey(withoutTheOldKey));
        assertEquals(PAIR.getPrivate(), key.toSigningKey(changed).privateKey());
    }

    @Test
    void aWrongKeyEncryptionKeyRefusesTheStartNamingTheSetting() {
        StoredSigningKey key =
                new StoredSigningKey(SigningAlgorithm.ES256, PAIR, Instant.now(), kek(KeyEncryptionTest.newKek()));
        KeyEncryption wrong = kek(KeyEncryptionTest.newKek());
        KeyEncryption.Refused refused = assertThrows(KeyEncryption.Refused.class, () -> key.reseal(wrong));
        assertTrue(refused.getMessage().contains("keycard.keys.encryption-key"), refused.getMessage());
        assertThrows(KeyEncryption.Refused.class, () -> key.toSigningKey(wrong));
        assertThrows(KeyEncryption.Refused.class, () -> key.toSigningKey(KeyEncryption.none()));
    }

    @Test
    void thePublicKeyIsReadWithoutTheKeyEncryptionKey() {
        StoredSigningKey key =
                new StoredSigningKey(SigningAlgorithm.ES256, PAIR, Instant.now(), kek(KeyEncryptionTest.newKek()));
        assertEquals(PAIR.getPublic(), key.publicOnly().publicKey());
        assertNull(key.publicOnly().privateKey());
    }
}
