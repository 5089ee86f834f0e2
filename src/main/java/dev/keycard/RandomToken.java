package dev.keycard;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * 256 random bits as 43 base64url characters: refresh tokens, client secrets, authorization codes,
 * SSO session cookies and form anti-forgery values. That much randomness cannot be guessed, so
 * its SHA-256 ({@link Sha256}) is all that needs storing.
 */
public final class RandomToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Its length: anything longer presented as one is refused before it is hashed or looked up. */
    public static final int MAX_CHARS = 43;

    private RandomToken() {}

    public static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
