package dev.keycard.user;

import dev.keycard.problem.ProblemException;
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
 * truncated, and not one of the most common passwords. Errors name the rule that failed.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final String COMMON = "/keycard/common-passwords.txt";

    @Inject
    @ConfigProperty(name = "keycard.password.min-length", defaultValue = "12")
    int minLength = 12;

    private final Set<String> common = new HashSet<>();

    @PostConstruct
    void load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> common.add(line.strip().toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule {@code password} breaks, phrased for {@code field}, or null if it keeps them all. */
    public String broken(String password, String field) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return field + " must be at least " + minLength + " characters.";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHashing.MAX_PASSWORD_BYTES) {
            return field + " must be at most " + PasswordHashing.MAX_PASSWORD_BYTES + " bytes (UTF-8).";
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            return field + " is one of the most commonly used passwords; choose another.";
        }
        return null;
    }

    /** Refuses a password that breaks a rule with a 400 naming the rule. */
    public void require(String password, String field) {
        String rule = broken(password, field);
        if (rule != null) {
            throw ProblemException.badRequest(rule);
        }
    }

    int commonCount() {
        return common.size();
    }
}
