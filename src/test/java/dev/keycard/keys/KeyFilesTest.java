package dev.keycard.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    private static final Path TEST_P12 = Path.of("src/test/resources/liberty/keycardIT/TEST-ONLY-signing-key.p12");

    @TempDir
    Path dir;

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    @Test
    void rsaPkcs8PemLoadsAndDerivesItsPublicKey() throws Exception {
        KeyPair pair = SigningAlgorithm.RS256.generate();
        Path file = Files.writeString(
                dir.resolve("key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        SigningKey key = KeyFiles.load(file, null, null, SigningAlgorithm.RS256);
        assertEquals(pair.getPublic(), key.publicKey());
        assertEquals(SigningKey.thumbprint(pair.getPublic()), key.kid());
    }

    @Test
    void ecPemNeedsItsPublicKeyBlock() throws Exception {
        KeyPair pair = SigningAlgorithm.ES256.generate();
        Path alone = Files.writeString(
                dir.resolve("alone.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        assertThrows(IllegalStateException.class, () -> KeyFiles.load(alone, null, null, SigningAlgorithm.ES256));
        Path both = Files.writeString(
                dir.resolve("both.pem"),
                pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                        + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        assertEquals(
                pair.getPublic(),
                KeyFiles.load(both, null, null, SigningAlgorithm.ES256).publicKey());
    }

    @Test
    void pkcs1PemIsRefusedWithAConversionHint() throws Exception {
        Path file = Files.writeString(dir.resolve("pkcs1.pem"), pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> KeyFiles.load(file, null, null, SigningAlgorithm.RS256));
        assertTrue(error.getMessage().contains("pkcs8"), error.getMessage());
    }

    @Test
    void pkcs12LoadsWithItsPassword() {
        SigningKey key = KeyFiles.load(TEST_P12, "test-only-not-a-secret", null, SigningAlgorithm.RS256);
        assertEquals(SigningAlgorithm.RS256, key.algorithm());
    }

    @Test
    void pkcs12WithWrongPasswordNamesThePropertyButNoSecret() {
        IllegalStateException error = assertThrows(
                IllegalStateException.class,
                () -> KeyFiles.load(TEST_P12, "wrong-password", null, SigningAlgorithm.RS256));
        assertTrue(error.getMessage().contains("keycard.keys.password"), error.getMessage());
        assertFalse(error.getMessage().contains("wrong-password"));
    }

    @Test
    void missingFileNamesTheProperty() {
        IllegalStateException error = assertThrows(
                IllegalStateException.class,
                () -> KeyFiles.load(dir.resolve("absent.pem"), null, null, SigningAlgorithm.RS256));
        assertTrue(error.getMessage().startsWith("keycard.keys.location"), error.getMessage());
    }
}
