package dev.keycard.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A username in its canonical form: Unicode NFKC, then lower case. Two spellings that a person
 * would read as the same name (full-width letters, ligatures, case) become one account, so a
 * look-alike cannot shadow an existing user.
 */
public record Username(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    public static final String RULE = "1 to 64 characters: letters a-z, digits, '.', '_', '@' or '-', "
            + "starting with a letter or digit (compared without regard to case)";

    /** The canonical form, or empty if the input cannot be a valid username. */
    public static java.util.Optional<Username> parse(String raw) {
        if (raw == null || raw.length() > 4 * MAX_LENGTH) {
            return java.util.Optional.empty();
        }
        String canonical = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return ALLOWED.matcher(canonical).matches()
                ? java.util.Optional.of(new Username(canonical))
                : java.util.Optional.empty();
    }
}
