package dev.keycard.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The envelope with the JDK's AES-GCM, no mocks: what a key-encryption key opens and what it refuses. */
class KeyEncryptionTest {

    private static final String KID = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    private static final byte[] PKCS8 = "not really PKCS#8, but any bytes will do".getBytes(StandardCharsets.US_ASCII);

    static String newKek() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static KeyEncryption with(String kek) {
        return KeyEncryption.of(Optional.of(kek), Optional.empty());
    }

    @Test
    void aSealedKeyOpensWithItsKeyEncryptionKey() {
        KeyEncryption encryption = with(newKek());
        KeyEncryption.Sealed sealed = encryption.seal(KID, PKCS8);
        assertEquals(encryption.currentId(), sealed.kekId());
        assertArrayEquals(PKCS8, encryption.open(KID, sealed));
    }

    @Test
    void theSameKeySealedTwiceGivesDifferentCiphertexts() {
        KeyEncryption encryption = with(newKek());
        KeyEncryption.Sealed one = encryption.seal(KID, PKCS8);
        KeyEncryption.Sealed two = encryption.seal(KID, PKCS8);
        assertNotEquals(one.privateKey(), two.privateKey());
        assertNotEquals(one.dataKey(), two.dataKey());
        assertFalse(new String(Base64.getDecoder().decode(one.privateKey()), StandardCharsets.ISO_8859_1)
                .contains("PKCS#8"));
    }

    @Test
    void anotherKeyEncryptionKeyIsRefusedNamingTheSettingAndNeverTheKey() {
        String kek = newKek();
        KeyEncryption.Sealed sealed = with(kek).seal(KID, PKCS8);
        String wrong = newKek();
        KeyEncryption.Refused refused =
                assertThrows(KeyEncryption.Refused.class, () -> with(wrong).open(KID, sealed));
        assertTrue(refused.getMessage().contains("keycard.keys.encryption-key"), refused.getMessage());
        assertTrue(refused.getMessage().contains(sealed.kekId()), refused.getMessage());
        assertFalse(refused.getMessage().contains(kek) || refused.getMessage().contains(wrong));
    }

    @Test
    void noKeyEncryptionKeyAtAllIsRefusedNamingTheSetting() {
        KeyEncryption.Sealed sealed = with(newKek()).seal(KID, PKCS8);
        KeyEncryption.Refused refused = assertThrows(
                KeyEncryption.Refused.class, () -> KeyEncryption.none().open(KID, sealed));
        assertTrue(refused.getMessage().contains("keycard.keys.encryption-key (not set)"), refused.getMessage());
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        KeyEncryption encryption = with(newKek());
        KeyEncryption.Sealed sealed = encryption.seal(KID, PKCS8);
        byte[] bytes = Base64.getDecoder().decode(sealed.privateKey());
        bytes[bytes.length / 2] ^= 1;
        KeyEncryption.Sealed tampered = new KeyEncryption.Sealed(
                sealed.kekId(), sealed.dataKey(), Base64.getEncoder().encodeToString(bytes));
        KeyEncryption.Refused refused = assertThrows(KeyEncryption.Refused.class, () -> encryption.open(KID, tampered));
        assertTrue(refused.getMessage().contains("altered"), refused.getMessage());
    }

    @Test
    void aTamperedDataKeyIsRefused() {
        KeyEncryption encryption = with(newKek());
        KeyEncryption.Sealed sealed = encryption.seal(KID, PKCS8);
        byte[] bytes = Base64.getDecoder().decode(sealed.dataKey());
        bytes[0] ^= 1; // the nonce
        KeyEncryption.Sealed tampered = new KeyEncryption.Sealed(
                sealed.kekId(), Base64.getEncoder().encodeToString(bytes), sealed.privateKey());
        assertThrows(KeyEncryption.Refused.class, () -> encryption.open(KID, tampered));
    }

    @Test
    void aSealedKeyCopiedOntoAnotherKidIsRefused() {
        KeyEncryption encryption = with(newKek());
        KeyEncryption.Sealed sealed = encryption.seal(KID, PKCS8);
        assertThrows(KeyEncryption.Refused.class, () -> encryption.open("another-kid", sealed));
    }

    @Test
    void thePreviousKeyEncryptionKeyStillOpensWhatItSealed() {
        String old = newKek();
        KeyEncryption.Sealed sealed = with(old).seal(KID, PKCS8);
        KeyEncryption changed = KeyEncryption.of(Optional.of(newKek()), Optional.of(old));
        assertArrayEquals(PKCS8, changed.open(KID, sealed));
        assertNotEquals(sealed.kekId(), changed.seal(KID, PKCS8).kekId(), "new records use the current key");
    }

    @Test
    void theKeyEncryptionKeyIdIsTheStartOfItsSha256InHex() throws Exception {
        byte[] key = new byte[32];
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key);
        assertEquals(java.util.HexFormat.of().formatHex(digest).substring(0, 16), KeyEncryption.id(key));
    }

    @Test
    void aValueThatIsNot32BytesInBase64IsRefusedNamingTheSettingNotTheValue() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalStateException wrongLength = assertThrows(
                IllegalStateException.class, () -> KeyEncryption.of(Optional.of(shortKey), Optional.empty()));
        assertTrue(wrongLength.getMessage().startsWith("keycard.keys.encryption-key must be 32 random bytes"));
        assertTrue(wrongLength.getMessage().contains("16 bytes"));
        assertFalse(wrongLength.getMessage().contains(shortKey));
        IllegalStateException notBase64 = assertThrows(
                IllegalStateException.class,
                () -> KeyEncryption.of(Optional.of(newKek()), Optional.of("not base64 at all!")));
        assertTrue(notBase64.getMessage().startsWith("keycard.keys.encryption-key-previous must be"));
        assertFalse(notBase64.getMessage().contains("not base64 at all"));
    }

    @Test
    void aPreviousKeyWithoutACurrentOneIsRefused() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> KeyEncryption.of(Optional.empty(), Optional.of(newKek())));
        assertTrue(refused.getMessage().contains("keycard.keys.encryption-key is not"), refused.getMessage());
    }

    @Test
    void noValueOrABlankOneMeansKeysInClear() {
        assertFalse(KeyEncryption.of(Optional.empty(), Optional.empty()).enabled());
        assertFalse(KeyEncryption.of(Optional.of("  "), Optional.empty()).enabled());
    }

    @Test
    void aValueWithTheTrailingNewlineOfAFileIsAccepted() {
        String kek = newKek();
        assertEquals(with(kek).currentId(), with(kek + "\n").currentId());
    }
}
