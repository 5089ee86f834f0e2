package dev.keycard.user;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class Argon2idTest {

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void matchesTheRfc9106TestVector() {
        // RFC 9106, section 5.3: Argon2id, 32 KiB, 3 passes, 4 lanes, with secret and associated data.
        byte[] tag = new Argon2id().hash(filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32, 3, 4, 32);
        assertArrayEquals(HexFormat.of().parseHex(
                "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"), tag);
    }

    @Test
    void matchesBouncyCastleForRandomInputsAndCosts() {
        Random random = new Random(9106);
        Argon2id reused = new Argon2id();
        for (int i = 0; i < 40; i++) {
            byte[] password = new byte[random.nextInt(40)];
            byte[] salt = new byte[8 + random.nextInt(24)];
            random.nextBytes(password);
            random.nextBytes(salt);
            int lanes = 1 + random.nextInt(4);
            int memoryKib = 8 * lanes + random.nextInt(600);
            int passes = 1 + random.nextInt(3);
            int length = 4 + random.nextInt(i % 4 == 0 ? 200 : 60);
            assertArrayEquals(bouncyCastle(password, salt, memoryKib, passes, lanes, length),
                    reused.hash(password, salt, new byte[0], new byte[0], memoryKib, passes, lanes, length),
                    "m=" + memoryKib + ",t=" + passes + ",p=" + lanes + ",length=" + length);
        }
    }

    @Test
    void matchesBouncyCastleAtTheDefaultCostAfterALargerAndASmallerHash() {
        Argon2id reused = new Argon2id();
        byte[] salt = filled(16, 7);
        reused.hash(filled(10, 1), salt, new byte[0], new byte[0], 65536, 1, 2, 32);
        reused.hash(filled(10, 1), salt, new byte[0], new byte[0], 64, 1, 1, 32);
        assertArrayEquals(bouncyCastle(filled(10, 9), salt, 19456, 2, 1, 32),
                reused.hash(filled(10, 9), salt, new byte[0], new byte[0], 19456, 2, 1, 32));
    }

    @Test
    void refusesCostsOutsideTheRfc() {
        Argon2id argon2 = new Argon2id();
        byte[] salt = filled(16, 1);
        assertThrows(IllegalArgumentException.class, () -> argon2.hash(salt, salt, salt, salt, 15, 1, 2, 32));
        assertThrows(IllegalArgumentException.class, () -> argon2.hash(salt, salt, salt, salt, 64, 0, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> argon2.hash(salt, salt, salt, salt, 64, 1, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> argon2.hash(salt, salt, salt, salt, 64, 1, 1, 3));
    }

    private static byte[] bouncyCastle(byte[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(passes)
                .withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
