package dev.keycard.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.ShippedConfig;
import dev.keycard.problem.ProblemException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy =
            ShippedConfig.configure(new PasswordPolicy(), "keycard.issuer", "https://login.fjordbakken.example");

    @BeforeEach
    void load() {
        policy.load();
    }

    @Test
    void aBreachedPasswordOfTheMinimumLengthIsRefusedSayingWhy() {
        assertEquals(
                "is too easy to guess: This is a very common password. Add another word or two. Uncommon words are better",
                policy.guessable("password1234", "alice"));
    }

    @Test
    void aCommonPasswordDressedUpWithCapitalsAndDigitsIsStillRefused() {
        assertTrue(policy.guessable("Password1234!", "alice").contains("similar to a commonly used password"));
        assertTrue(policy.guessable("qwertyuiop123", "alice").startsWith("is too easy to guess"));
        assertTrue(policy.guessable("1234567890ab", "alice").startsWith("is too easy to guess"));
    }

    @Test
    void theOwnersNameIsAKnownWord() {
        assertNull(policy.guessable("qmzrtplk1234", "alice"));
        assertTrue(policy.guessable("qmzrtplk1234", "qmzrtplk").startsWith("is too easy to guess"));
    }

    @Test
    void theServiceNameAndTheIssuersHostAreKnownWords() {
        assertTrue(policy.guessable("Keycard2026!", "alice").startsWith("is too easy to guess"));
        assertTrue(policy.guessable("fjordbakken2026", "alice").startsWith("is too easy to guess"));
        PasswordPolicy elsewhere =
                ShippedConfig.configure(new PasswordPolicy(), "keycard.issuer", "https://sso.example");
        elsewhere.load();
        assertNull(elsewhere.guessable("fjordbakken2026", "alice"));
    }

    @Test
    void passphrasesAndRandomPasswordsPass() {
        assertNull(policy.guessable("correct horse battery staple", "alice"));
        assertNull(policy.guessable("Zebra-Motor-Lantern-9", "alice"));
        assertNull(policy.guessable("ĉu vi parolas Esperanton? 🐙 ".repeat(3), "alice"));
    }

    @Test
    void aLongPasswordIsJudgedByItsFirstCharactersSoItsCostIsBounded() {
        String strongStart = "Zebra-Motor-Lantern-9 ".repeat(3);
        assertNull(policy.guessable(strongStart + "a".repeat(900), "alice"));
        assertTrue(policy.guessable("a".repeat(1000), "alice").startsWith("is too easy to guess"));
    }

    @Test
    void aRefusalNamesTheFieldAndNeverQuotesThePassword() {
        ProblemException refused = Assertions.assertThrows(
                ProblemException.class, () -> policy.requireUnguessable("password1234", "alice", "new_password"));
        assertEquals(400, refused.getResponse().getStatus());
        String body = (String) refused.getResponse().getEntity();
        assertTrue(body.contains("\"pointer\":\"#/new_password\""), body);
        assertTrue(body.contains("new_password is too easy to guess"), body);
        assertTrue(!body.contains("password1234"), body);
    }

    @Test
    void shortPasswordNamesTheLengthRule() {
        assertTrue(policy.broken("short").startsWith("must be at least 12"));
    }

    @Test
    void passwordOverTheByteLimitIsRefused() {
        assertTrue(policy.broken("€".repeat(400)).contains("1024 bytes"));
    }
}
