package dev.keycard.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AmrTest {

    @Test
    void aLoginFromBeforeTheColumnWasAPassword() {
        assertEquals(List.of("pwd"), Amr.parse(null).values());
        assertEquals(Amr.ACR_SINGLE_FACTOR, Amr.parse(" ").acr());
    }

    @Test
    void storedFormReadsBack() {
        Amr amr = Amr.passwordAndCode();
        assertEquals(amr, Amr.parse(amr.stored()));
        assertEquals("pwd otp mfa", amr.stored());
    }

    @Test
    void secondFactorsAndPasskeysAreMultiFactor() {
        assertFalse(Amr.password().multiFactor());
        assertTrue(Amr.passwordAndCode().multiFactor());
        assertEquals(List.of("pwd", "hwk", "mfa"), Amr.passwordAndPasskey(true).values());
        assertEquals(List.of("swk", "user", "mfa"), Amr.passkey(false).values());
        assertEquals(Amr.ACR_MULTI_FACTOR, Amr.passkey(true).acr());
    }
}
