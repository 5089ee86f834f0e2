package dev.keycard.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private static PasswordHashing hashing(String algorithm) {
        return TestHashing.configured("keycard.password.algorithm", algorithm);
    }

    @Test
    void argon2idHashIsAPhcStringWithOwaspParameters() {
        String hash = hashing(PasswordHashing.ARGON2ID).hash("correct horse battery staple");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    }

    @Test
    void argon2idVerifiesTheReferenceImplementationsHash() {
        // From the reference argon2 CLI: echo -n "correct horse battery staple" |
        //   argon2 c29tZXNhbHRzb21lc2FsdA -id -t 2 -k 19456 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$YzI5dFpYTmhiSFJ6YjIxbGMyRnNkQQ"
                + "$d0N5RAWKxU0D4c29TfG8VR17O8yTj9v9DRaLHq08YbM";
        PasswordHashing hashing = hashing(PasswordHashing.ARGON2ID);
        assertTrue(hashing.verify("correct horse battery staple", reference));
        assertFalse(hashing.verify("correct horse battery stapler", reference));
    }

    @Test
    void pbkdf2VerifiesTheRfc7914TestVector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1, dkLen = 64.
        String vector =
                "$pbkdf2-sha256$i=1$c2FsdA$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw";
        assertTrue(hashing(PasswordHashing.PBKDF2).verify("passwd", vector));
    }

    @Test
    void pbkdf2IsSelectableForFipsDeployments() {
        PasswordHashing hashing = hashing(PasswordHashing.PBKDF2);
        String hash = hashing.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$pbkdf2-sha256$i=600000$"), hash);
        assertTrue(hashing.verify("correct horse battery staple", hash));
    }

    @Test
    void hashesWrittenByKeycardsEarlierHandWrittenArgon2idStillVerify() {
        // Written by Keycard 0.1's own Argon2id class (and its PBKDF2), before libargon2 took over.
        PasswordHashing hashing = hashing(PasswordHashing.ARGON2ID);
        assertTrue(hashing.verify(
                "correct horse battery staple",
                "$argon2id$v=19$m=19456,t=2,p=1$QFVk2uSuauIFFq5KBFb2AQ$BzKhcIBKf1hIAf+m/FRJG87wxvbs1D3dyWEZug8jDVE"));
        assertTrue(hashing.verify(
                "pässwörd with ünïcode ✓",
                "$argon2id$v=19$m=19456,t=2,p=1$97pqZaXLpWSTLwLblIxXTQ$rejZbF9xonkpMMeqGX1/L1o5ZHUfQ3EeqhteIuA2k2o"));
        assertTrue(hashing.verify(
                "an older, cheaper hash",
                "$argon2id$v=19$m=8192,t=3,p=1$g3SqTPjs2JAK7FownNObnQ$5wU/YR8T49wDUhWUGri2mJRiwUWmICLBQGOruEiPe/A"));
        assertTrue(hashing.verify(
                "a fips deployment's password",
                "$pbkdf2-sha256$i=600000$pbrwT/0lBkEE1INDWHKdpg$7RTW895tKUZ69Gwx2w1fbXQiqAa4VyVaGoJ+JMfwMlE"));
        assertFalse(hashing.verify(
                "correct horse battery stapler",
                "$argon2id$v=19$m=19456,t=2,p=1$QFVk2uSuauIFFq5KBFb2AQ$BzKhcIBKf1hIAf+m/FRJG87wxvbs1D3dyWEZug8jDVE"));
    }

    @Test
    void hashesKeepTheirOwnParametersWhenTheConfigurationChanges() {
        PasswordHashing old = TestHashing.configured("keycard.password.argon2.memory-kib", "8192");
        String weaker = old.hash("an old password!");
        PasswordHashing current = hashing(PasswordHashing.PBKDF2);
        assertTrue(current.verify("an old password!", weaker));
    }

    @Test
    void sameInputGetsADifferentSalt() {
        PasswordHashing hashing = hashing(PasswordHashing.ARGON2ID);
        assertNotEquals(hashing.hash("same password"), hashing.hash("same password"));
    }

    @Test
    void unreadableStoredHashNeverMatches() {
        PasswordHashing hashing = hashing(PasswordHashing.ARGON2ID);
        assertFalse(hashing.verify("anything", "plain-text-or-garbage"));
        assertFalse(hashing.verify("", ""));
    }

    @Test
    void unknownAlgorithmIsAConfigurationError() {
        assertThrows(IllegalStateException.class, () -> hashing("md5"));
    }

    @Test
    void hashingBeyondTheConcurrencyBoundAnswers503InsteadOfExhaustingMemory() throws Exception {
        PasswordHashing hashing = TestHashing.configured("keycard.password.max-concurrent-hashes", "1");
        hashing.permits.acquire();
        dev.keycard.problem.ProblemException busy = assertThrows(
                dev.keycard.problem.ProblemException.class,
                () -> hashing.verify("password", "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"));
        assertEquals(503, busy.getResponse().getStatus());
        assertEquals("1", busy.getResponse().getHeaderString("Retry-After"));
    }

    @Test
    void weakerOrOtherHashesNeedRehashingAndCurrentOnesDoNot() {
        PasswordHashing current = hashing(PasswordHashing.ARGON2ID);
        PasswordHashing weaker = TestHashing.configured("keycard.password.argon2.memory-kib", "8192");
        assertTrue(current.needsRehash(weaker.hash("a password to upgrade")));
        assertTrue(current.needsRehash("$pbkdf2-sha256$i=600000$c2FsdA$aGFzaA"));
        assertFalse(current.needsRehash(current.hash("a password to keep")));
    }

    @Test
    void concurrentHashesAllVerify() throws Exception {
        PasswordHashing hashing = TestHashing.configured(
                "keycard.password.max-concurrent-hashes", "2", "keycard.password.argon2.memory-kib", "64");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        java.util.List<java.util.concurrent.Future<String>> hashes = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            hashes.add(pool.submit(() -> hashing.hash("a password for the pool")));
        }
        for (java.util.concurrent.Future<String> hash : hashes) {
            assertTrue(hashing.verify("a password for the pool", hash.get()));
        }
        pool.shutdown();
    }

    @Test
    void storedArgon2HashAskingForGigabytesIsNeverComputed() {
        // m has eight digits: 10 GiB and more. Refused by its form, before libargon2 allocates.
        assertFalse(hashing(PasswordHashing.ARGON2ID)
                .verify("anything", "$argon2id$v=19$m=10485760,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
    }

    @Test
    void storedArgon2HashWithCostsOutsideTheRfcNeverMatches() {
        // 8 KiB cannot hold 2 lanes (RFC 9106 asks for 8 KiB per lane): refused, not thrown.
        assertFalse(hashing(PasswordHashing.ARGON2ID)
                .verify("anything", "$argon2id$v=19$m=8,t=1,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
    }
}
