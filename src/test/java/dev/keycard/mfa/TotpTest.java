package dev.keycard.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 Appendix B's SHA-1 seed, base32 as an app would read it. */
    private static final String RFC_SECRET =
            new Base32().encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void codesAreRfc6238sSha1VectorsCutToSixDigits() {
        // Appendix B: 94287082 at T=59, 07081804 at T=1111111109, 89005924 at T=1234567890.
        assertEquals("287082", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59))));
        assertEquals("081804", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109))));
        assertEquals("005924", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890))));
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterIsAcceptedAndNamesItsStep() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            String code = Totp.code(RFC_SECRET, step + offset);
            assertEquals(OptionalLong.of(step + offset), Totp.matchingStep(RFC_SECRET, code, now));
        }
    }

    @Test
    void aCodeTwoStepsAwayIsRefused() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        for (long offset : new long[] {-2, 2}) {
            String code = Totp.code(RFC_SECRET, step + offset);
            if (!code.equals(Totp.code(RFC_SECRET, step + Long.signum(offset)))
                    && !code.equals(Totp.code(RFC_SECRET, step))) {
                assertTrue(Totp.matchingStep(RFC_SECRET, code, now).isEmpty(), "step offset " + offset);
            }
        }
    }

    @Test
    void anythingButSixDigitsIsNeverComputed() {
        Instant now = Instant.now();
        for (String typed : new String[] {null, "", "12345", "1234567", "12345a", " 123456", "１２３４５６"}) {
            assertTrue(Totp.matchingStep(RFC_SECRET, typed, now).isEmpty(), String.valueOf(typed));
        }
    }

    @Test
    void theQrCodeIsAnSvgDataUri() {
        String qr = Totp.qrCode(Totp.uri("Keycard", "alice", Totp.newSecret()));
        assertTrue(qr.startsWith("data:image/svg+xml;base64,"));
        String svg = new String(
                java.util.Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1)), StandardCharsets.US_ASCII);
        assertTrue(svg.startsWith("<svg ") && svg.contains("<path d=\"M"), svg);
    }

    @Test
    void newSecretsAre160BitsOfBase32WithoutPadding() {
        String secret = Totp.newSecret();
        assertEquals(32, secret.length());
        assertTrue(secret.matches("[A-Z2-7]+"));
        assertEquals(20, new Base32().decode(secret).length);
        assertNotEquals(secret, Totp.newSecret());
    }

    @Test
    void theUriNamesIssuerAndAccountEscaped() {
        String uri = Totp.uri("Keycard", "j doe&co", "ABC");
        assertEquals(
                "otpauth://totp/Keycard:j%20doe%26co?secret=ABC&issuer=Keycard&algorithm=SHA1&digits=6&period=30", uri);
    }
}
