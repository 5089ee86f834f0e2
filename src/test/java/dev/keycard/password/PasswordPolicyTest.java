package dev.keycard.password;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.ShippedConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = ShippedConfig.configure(new PasswordPolicy());

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
        assertTrue(policy.broken("Password").contains("commonly used"));
        assertTrue(policy.broken("BASEBALL").contains("commonly used"));
    }

    @Test
    void shortPasswordNamesTheLengthRule() {
        assertTrue(policy.broken("short").startsWith("must be at least 12"));
    }

    @Test
    void longUnicodePasswordIsFine() {
        assertNull(policy.broken("ĉu vi parolas Esperanton? 🐙 ".repeat(3)));
    }

    @Test
    void passwordOverTheByteLimitIsRefused() {
        assertTrue(policy.broken("€".repeat(400)).contains("1024 bytes"));
    }
}
