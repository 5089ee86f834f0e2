package dev.keycard.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void tenDistinctCodesInFourGroupsOfFour() {
        List<String> codes = RecoveryCodes.generate();
        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        codes.forEach(code -> assertTrue(code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"), code));
    }

    @Test
    void aCodeIsFoundWithOrWithoutDashesInAnyCase() {
        String code = RecoveryCodes.generate().get(0);
        String hash = RecoveryCodes.hash(code);
        assertEquals(hash, RecoveryCodes.hashOf(code.replace("-", "")).orElseThrow());
        assertEquals(hash, RecoveryCodes.hashOf(code.toUpperCase(Locale.ROOT)).orElseThrow());
    }

    @Test
    void whatCannotBeARecoveryCodeIsNotHashed() {
        for (String typed :
                new String[] {null, "", "123456", "abcd-efgh-ijkl", "abcd-efgh-ijkl-mno1", "abcd--efgh-ijkl-mnop"}) {
            assertTrue(RecoveryCodes.hashOf(typed).isEmpty(), String.valueOf(typed));
        }
    }
}
