package dev.keycard.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PkceTest {

    // RFC 7636 Appendix B.
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void theRfcExampleVerifies() {
        assertTrue(Pkce.verifies(VERIFIER, CHALLENGE));
    }

    @Test
    void anotherVerifierDoesNot() {
        assertFalse(Pkce.verifies(VERIFIER.replace('d', 'e'), CHALLENGE));
    }

    @Test
    void thePlainMethodsAnswerIsNotAccepted() {
        // With plain, the challenge would be the verifier itself.
        assertFalse(Pkce.verifies(VERIFIER, VERIFIER));
    }

    @Test
    void malformedOrMissingVerifiersAreRefused() {
        assertFalse(Pkce.verifies(null, CHALLENGE));
        assertFalse(Pkce.verifies("short", Pkce.s256("short")));
        String tooLong = "a".repeat(129);
        assertFalse(Pkce.verifies(tooLong, Pkce.s256(tooLong)));
        String outsideTheSet = "a".repeat(42) + "+";
        assertFalse(Pkce.verifies(outsideTheSet, Pkce.s256(outsideTheSet)));
        assertFalse(Pkce.verifies(VERIFIER, null));
    }
}
