package dev.keycard.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A username in its canonical form: Unicode NFKC, then lower case. Two spellings that a person
 * would read as the same name (full-width letters, ligatures, case) become one account, so a
 * look-alike cannot shadow an existing user.
 * <p>
 * Two sets of names: Keycard creates local accounts only under {@link #RULE} ({@link #local}), but
 * a directory names its people as it likes ({@code o'hara}, {@code j(o)hn*\,doe}, {@code John
 * Smith}), so any name of 1 to 64 characters without control characters and without spaces at
 * either end can be looked up and held ({@link #parse}). What such a name may contain is made
 * harmless where it is used: escaped in LDAP filters, bound as a parameter in SQL.
 */
public record Username(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    /** No control or format characters, no unpaired surrogates, no space at either end. */
    private static final Pattern ANY = Pattern.compile("(?!\\s)[^\\p{Cc}\\p{Cf}\\p{Cs}]{1,64}(?<!\\s)");

    public static final String RULE = "1 to 64 characters: letters a-z, digits, '.', '_', '@' or '-', "
            + "starting with a letter or digit (compared without regard to case)";

    /** The canonical form of a name a user of either store may have, or empty if none can. */
    public static Optional<Username> parse(String raw) {
        if (raw == null || raw.length() > 4 * MAX_LENGTH) {
            return Optional.empty();
        }
        String canonical = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return ANY.matcher(canonical).matches() ? Optional.of(new Username(canonical)) : Optional.empty();
    }

    /** The canonical form of a name Keycard may give a local account, or empty. */
    public static Optional<Username> local(String raw) {
        return parse(raw).filter(name -> LOCAL.matcher(name.value()).matches());
    }
}
