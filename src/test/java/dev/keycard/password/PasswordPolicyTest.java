package dev.keycard.user;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @BeforeEach
    void load() {
        policy.load();
    }

    @Test
    void shipsAFewThousandCommonPasswords() {
        assertTrue(policy.commonCount() > 3000, "only " + policy.commonCount());
    }

    @Test
    void commonPasswordIsRefusedWhateverItsCase() {
        policy.minLength = 8;
        assertTrue(policy.broken("Password", "password").contains("commonly used"));
        assertTrue(policy.broken("BASEBALL", "password").contains("commonly used"));
    }

    @Test
    void shortPasswordNamesTheLengthRule() {
        assertTrue(policy.broken("short", "new_password").startsWith("new_password must be at least 12"));
    }

    @Test
    void longUnicodePasswordIsFine() {
        assertNull(policy.broken("ĉu vi parolas Esperanton? 🐙 ".repeat(3), "password"));
    }

    @Test
    void passwordOverTheByteLimitIsRefused() {
        assertTrue(policy.broken("€".repeat(400), "password").contains("1024 bytes"));
    }
}
