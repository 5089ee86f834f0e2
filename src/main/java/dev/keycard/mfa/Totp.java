package dev.keycard.mfa;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import io.nayuki.qrcodegen.QrCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Authenticator-app codes (RFC 6238) as every app computes them by default: HMAC-SHA1, six digits,
 * 30-second steps. The arithmetic is java-otp's; this class only chooses the steps to try.
 */
final class Totp {

    /** RFC 6238's default step, and the only one common apps honour. */
    static final long STEP_SECONDS = 30;

    /** A code of the step before or after now is accepted too: clocks drift, people type slowly. */
    static final int TOLERATED_STEPS = 1;

    /** 160 bits, the HMAC-SHA1 block RFC 4226 recommends (§4, R6). */
    private static final int SECRET_BYTES = 20;

    static final Pattern CODE = Pattern.compile("\\d{6}");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HmacOneTimePasswordGenerator HOTP = new HmacOneTimePasswordGenerator(6);

    private Totp() {}

    /** A new secret, base32 without padding, as apps read it. */
    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /**
     * The {@code otpauth://} URI an app reads from a QR code (the Key Uri Format authenticator apps
     * share): the label names the service and the account, so the person can tell entries apart.
     */
    static String uri(String issuer, String account, String secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=" + STEP_SECONDS;
    }

    /**
     * The URI as a QR code, an SVG image in a data: URI the page shows as it is (its CSP allows
     * data: images). The encoding is qrcodegen's; this only draws its modules as squares.
     */
    static String qrCode(String uri) {
        QrCode qr = QrCode.encodeText(uri, QrCode.Ecc.MEDIUM);
        int border = 4;
        int side = qr.size + 2 * border;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M')
                            .append(x + border)
                            .append(',')
                            .append(y + border)
                            .append("h1v1h-1z");
                }
            }
        }
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
        return "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.US_ASCII));
    }

    /** The time step {@code code} belongs to, within the tolerated steps around {@code now}. */
    static OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || !CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        long current = step(now);
        byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
        OptionalLong matched = OptionalLong.empty();
        // Every tolerated step is computed, matched or not: the time taken says nothing about which.
        for (long step = current - TOLERATED_STEPS; step <= current + TOLERATED_STEPS; step++) {
            byte[] expected = code(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, typed) && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    static long step(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of one time step (tests compute what an app would show). */
    static String code(String secret, long step) {
        try {
            SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret), "HmacSHA1");
            return HOTP.generateOneTimePasswordString(key, step, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("An HMAC-SHA1 key was refused", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
