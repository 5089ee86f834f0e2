package dev.keycard.mfa;

import dev.keycard.Sha256;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;

/**
 * Recovery codes: ten at a time, each 80 random bits written as four groups of four base32
 * letters and digits ({@code abcd-efgh-ijkl-mnop}), readable aloud and typed with or without the
 * dashes, in any case. Stored only as SHA-256 hashes of the normalised form.
 */
final class RecoveryCodes {

    static final int COUNT = 10;

    /** What a person may type for one: the dashes optional, any case. */
    static final Pattern TYPED = Pattern.compile("[A-Za-z2-7]{4}(-?[A-Za-z2-7]{4}){3}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] bits = new byte[10];
            RANDOM.nextBytes(bits);
            String plain = new Base32().encodeToString(bits).toLowerCase(Locale.ROOT);
            codes.add(String.join(
                    "-",
                    plain.substring(0, 4),
                    plain.substring(4, 8),
                    plain.substring(8, 12),
                    plain.substring(12, 16)));
        }
        return codes;
    }

    /** The hash a typed code is looked up by; empty if it cannot be a recovery code. */
    static Optional<String> hashOf(String typed) {
        if (typed == null || !TYPED.matcher(typed).matches()) {
            return Optional.empty();
        }
        return Optional.of(Sha256.base64url(typed.replace("-", "").toLowerCase(Locale.ROOT)));
    }

    static String hash(String generated) {
        return hashOf(generated).orElseThrow();
    }
}
