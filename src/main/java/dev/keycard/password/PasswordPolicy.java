package dev.keycard.password;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a new password must satisfy (OWASP ASVS 2.1): at least {@code keycard.password.min-length}
 * characters (default 12; 64 and far more are allowed), at most 1024 bytes, any Unicode, never
 * truncated, and not one of the most common passwords. Requests check it through
 * {@link AcceptablePassword}, whose error names the rule that failed.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final String COMMON = "/keycard/common-passwords.txt";

    @Inject
    @ConfigProperty(name = "keycard.password.min-length")
    int minLength;

    private final Set<String> common = new HashSet<>();

    @PostConstruct
    void load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> common.add(line.strip().toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule {@code password} breaks, as a phrase to follow a field's name, or null if it keeps them all. */
    public String broken(String password) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return "must be at least " + minLength + " characters";
        }
        if (!PasswordSize.Check.fits(password)) {
            return "must be at most " + PasswordHashing.MAX_PASSWORD_BYTES + " bytes (UTF-8)";
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            return "is one of the most commonly used passwords; choose another";
        }
        return null;
    }

    int commonCount() {
        return common.size();
    }
}
