package dev.keycard.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of generated private keys at rest, with the JDK's AES-256-GCM. Each key gets
 * a random data key that encrypts its PKCS#8 bytes; the operator's key-encryption key (KEK) wraps
 * the data key. Both encryptions bind the kid as associated data, so a ciphertext copied onto
 * another key's row does not decrypt. The record names its KEK by id (the first 8 bytes of the
 * KEK's SHA-256, in hex: an operator can compute it, and it says nothing usable about the key), so
 * a node can tell "encrypted with a KEK I do not have" from "altered", and say which setting to fix.
 * <p>
 * Why a data key at all, when the KEK could encrypt the private key directly: the KEK then only
 * ever encrypts random 32-byte keys, and a record's private-key ciphertext never has to be produced
 * again under a new KEK by anything but this class.
 */
final class KeyEncryption {

    static final String SETTING = "keycard.keys.encryption-key";
    static final String PREVIOUS_SETTING = "keycard.keys.encryption-key-previous";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyEncryption NONE = new KeyEncryption(null, null);

    /** A key-encryption key and its id; the key itself is never printed. */
    private record Kek(String id, SecretKey key) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** A private key as stored: the KEK's id, the wrapped data key and the encrypted private key (base64). */
    record Sealed(String kekId, String dataKey, String privateKey) {}

    /** A record that cannot be opened with the configured keys; the message names the setting, never a key. */
    static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    private final Kek current;
    private final Kek previous;

    private KeyEncryption(Kek current, Kek previous) {
        this.current = current;
        this.previous = previous;
    }

    /**
     * From the two settings' values (base64 of 32 bytes). Without a current key, none is used and
     * keys stay in clear; a previous key alone makes no sense and is refused, as is anything that
     * is not 32 bytes in base64, naming the setting and never the value.
     */
    static KeyEncryption of(Optional<String> current, Optional<String> previous) {
        Optional<String> now = current.map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> before = previous.map(String::strip).filter(s -> !s.isEmpty());
        if (now.isEmpty()) {
            if (before.isPresent()) {
                throw new IllegalStateException(PREVIOUS_SETTING + " is set but " + SETTING
                        + " is not: set the key to encrypt with in " + SETTING);
            }
            return NONE;
        }
        Kek kek = kek(SETTING, now.get());
        Kek old = before.map(value -> kek(PREVIOUS_SETTING, value)).orElse(null);
        if (old != null && old.id().equals(kek.id())) {
            old = null; // the same key twice: nothing to re-wrap from
        }
        return new KeyEncryption(kek, old);
    }

    static KeyEncryption none() {
        return NONE;
    }

    private static Kek kek(String setting, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be 32 random bytes in base64 (openssl rand -base64 32); "
                    + "the value set is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(setting + " must be 32 random bytes in base64 (openssl rand -base64 32); "
                    + "the value set holds " + bytes.length + " bytes");
        }
        try {
            return new Kek(id(bytes), new SecretKeySpec(bytes, "AES"));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The first 8 bytes of SHA-256 over the key, in hex: {@code base64 -d | sha256sum | cut -c1-16}. */
    static String id(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether private keys are encrypted: a key-encryption key is set. */
    boolean enabled() {
        return current != null;
    }

    /** The id of the key new records are encrypted with, or null when keys are kept in clear. */
    String currentId() {
        return current == null ? null : current.id();
    }

    Sealed seal(String kid, byte[] pkcs8) {
        if (current == null) {
            throw new IllegalStateException("No key-encryption key is set");
        }
        byte[] dataKey = new byte[KEY_BYTES];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] wrapped = encrypt(current.key(), dataKey, kid);
            byte[] encrypted = encrypt(new SecretKeySpec(dataKey, "AES"), pkcs8, kid);
            Base64.Encoder base64 = Base64.getEncoder();
            return new Sealed(current.id(), base64.encodeToString(wrapped), base64.encodeToString(encrypted));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot encrypt signing key " + kid + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The PKCS#8 bytes of a sealed private key, or {@link Refused} naming the setting to fix. */
    byte[] open(String kid, Sealed sealed) {
        Kek kek = current != null && current.id().equals(sealed.kekId())
                ? current
                : previous != null && previous.id().equals(sealed.kekId()) ? previous : null;
        if (kek == null) {
            throw new Refused("Signing key " + kid + " in the database is encrypted with the key-encryption key "
                    + sealed.kekId() + ", which is neither " + SETTING + " (" + describe(current) + ") nor "
                    + PREVIOUS_SETTING + " (" + describe(previous) + "): set " + SETTING
                    + " to the key it was encrypted with, or that key as " + PREVIOUS_SETTING);
        }
        String setting = kek == current ? SETTING : PREVIOUS_SETTING;
        byte[] dataKey = null;
        try {
            dataKey = decrypt(kek.key(), Base64.getDecoder().decode(sealed.dataKey()), kid);
            return decrypt(
                    new SecretKeySpec(dataKey, "AES"), Base64.getDecoder().decode(sealed.privateKey()), kid);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new Refused("Signing key " + kid + " in the database does not decrypt with " + setting + " (key "
                    + kek.id() + "): the record was altered or copied from another key");
        } catch (GeneralSecurityException e) {
            throw new Refused("Signing key " + kid + " in the database cannot be decrypted with " + setting + " ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    private static String describe(Kek kek) {
        return kek == null ? "not set" : "key " + kek.id();
    }

    /** The kid as associated data: a ciphertext only opens on its own key's row. */
    private static byte[] aad(String kid) {
        return ("keycard signing key " + kid).getBytes(StandardCharsets.UTF_8);
    }

    /** nonce || ciphertext || tag, a fresh random nonce per encryption (never reused with one key). */
    private static byte[] encrypt(SecretKey key, byte[] plain, String kid) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad(kid));
        byte[] sealed = cipher.doFinal(plain);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                .put(nonce)
                .put(sealed)
                .array();
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, String kid) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new AEADBadTagException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(aad(kid));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    @Override
    public String toString() {
        return "KeyEncryption[current=" + describe(current) + ", previous=" + describe(previous) + "]";
    }
}
