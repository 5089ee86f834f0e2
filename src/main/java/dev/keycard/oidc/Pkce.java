package dev.keycard.oidc;

import dev.keycard.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/** RFC 7636 with S256, the only method Keycard accepts: does a code verifier answer a challenge? */
public final class Pkce {

    /** §4.1: 43 to 128 characters of the unreserved set. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {}

    /** True if the verifier is well formed and its S256 transform is the challenge; constant time on the comparison. */
    public static boolean verifies(String verifier, String challenge) {
        if (verifier == null || challenge == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, s256(verifier).getBytes(StandardCharsets.US_ASCII));
    }

    static String s256(String verifier) {
        return Sha256.base64url(verifier);
    }
}
