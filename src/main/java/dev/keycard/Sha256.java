package dev.keycard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256 of a text (UTF-8), base64url without padding: how Keycard stores 256-bit random secrets
 * (refresh tokens, client secrets, codes), derives the CSRF value, checks PKCE and names keys
 * (RFC 7638). A hash of that much randomness cannot be reversed, so no slow hash is needed.
 */
public final class Sha256 {

    private Sha256() {}

    public static String base64url(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
