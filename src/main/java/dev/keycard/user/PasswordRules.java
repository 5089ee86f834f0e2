package dev.keycard.user;

import java.nio.charset.StandardCharsets;

/** What a new password must satisfy. Any Unicode is allowed and nothing is ever truncated. */
public final class PasswordRules {

    public static final int MIN_CHARS = 12;

    private PasswordRules() {
    }

    /** The rule {@code password} breaks, phrased for {@code field}, or null if it keeps them all. */
    public static String broken(String password, String field) {
        if (password.codePointCount(0, password.length()) < MIN_CHARS) {
            return field + " must be at least " + MIN_CHARS + " characters.";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHashing.MAX_PASSWORD_BYTES) {
            return field + " must be at most " + PasswordHashing.MAX_PASSWORD_BYTES + " bytes (UTF-8).";
        }
        return null;
    }
}
