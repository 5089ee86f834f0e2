package dev.keycard.password;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import dev.keycard.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a new password must satisfy (OWASP ASVS 2.1, NIST SP 800-63B 5.1.1.2): at least
 * {@code keycard.password.min-length} characters (default 12; 64 and far more are allowed), at most
 * 1024 bytes, any Unicode, never truncated, and not guessable.
 * <p>
 * Guessability is zxcvbn's estimate (zxcvbn4j): its dictionaries hold the passwords most often found
 * in breaches, English words, names and surnames, and it sees through the patterns people use to
 * stretch them (keyboard walks, repeats, sequences, dates, l33t, capitals). A list alone protects
 * little at twelve characters and more, where nearly every breached password is a pattern over a
 * common one ({@code password1234}). Context words count as known too: the owner's name, the
 * issuer's host and "keycard". The estimate reads at most {@link #ESTIMATED_CHARACTERS} characters,
 * since its cost grows much faster than the length (before the JIT warms up: 1 ms at 12
 * characters, 22 ms at 64, 330 ms at 256) and the caller must not choose it; what follows can only
 * add to a prefix's strength.
 * <p>
 * The size rules are checked when a request is read ({@link AcceptablePassword}); guessability
 * needs the owner's name, which some requests carry in their path, so resources ask for it with
 * {@link #requireUnguessable} before they call their use case.
 */
@ApplicationScoped
public class PasswordPolicy {

    /** A prefix long enough for any password a person picks; see the class comment. */
    static final int ESTIMATED_CHARACTERS = 64;

    @Inject
    @ConfigProperty(name = "keycard.password.min-length")
    int minLength;

    /** zxcvbn's score, 0 to 4: 3 means at least 10^8 guesses, "safely unguessable" online. */
    @Inject
    @ConfigProperty(name = "keycard.password.min-strength")
    int minStrength;

    @Inject
    @ConfigProperty(name = "keycard.issuer")
    String issuer;

    private Zxcvbn estimator;

    /** "keycard" and the issuer's host with each of its labels ("login.example.com": "login", ...). */
    private List<String> serviceWords;

    /** Built at start: the dictionaries take about 200 ms and 11 MB of heap, once. */
    @PostConstruct
    void load() {
        estimator = new Zxcvbn();
        List<String> words = new ArrayList<>(List.of("keycard"));
        String host = URI.create(issuer).getHost();
        if (host != null) {
            words.add(host);
            words.addAll(List.of(host.split("\\.")));
        }
        serviceWords = List.copyOf(words);
    }

    /** The size rule {@code password} breaks, as a phrase to follow a field's name, or null if it keeps them. */
    public String broken(String password) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return "must be at least " + minLength + " characters";
        }
        if (!PasswordSize.Check.fits(password)) {
            return "must be at most " + PasswordHashing.MAX_PASSWORD_BYTES + " bytes (UTF-8)";
        }
        return null;
    }

    /**
     * Why {@code password}, for the user named {@code owner}, is too easy to guess, as a phrase to
     * follow a field's name, or null if it is not. The reason is zxcvbn's own words, never the input.
     */
    public String guessable(String password, String owner) {
        String estimated = password.codePointCount(0, password.length()) <= ESTIMATED_CHARACTERS
                ? password
                : password.substring(0, password.offsetByCodePoints(0, ESTIMATED_CHARACTERS));
        Strength strength = estimator.measure(estimated, contextWords(owner));
        if (strength.getScore() >= minStrength) {
            return null;
        }
        StringBuilder why = new StringBuilder("is too easy to guess");
        String warning = strength.getFeedback().getWarning(Locale.ENGLISH);
        if (warning != null && !warning.isBlank()) {
            why.append(": ").append(warning.strip());
        } else {
            why.append('.');
        }
        for (String suggestion : strength.getFeedback().getSuggestions(Locale.ENGLISH)) {
            why.append(' ').append(suggestion.strip());
        }
        String reason = why.toString();
        // Read back as a phrase after the field's name, which adds its own full stop.
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    /** Refuses, as a 400 naming {@code field}, a new password that {@link #guessable} finds too easy. */
    public void requireUnguessable(String password, String owner, String field) {
        String why = guessable(password, owner);
        if (why != null) {
            throw ProblemException.invalidField(field, why);
        }
    }

    private List<String> contextWords(String owner) {
        if (owner == null || owner.isBlank()) {
            return serviceWords;
        }
        List<String> words = new ArrayList<>(serviceWords);
        words.add(owner);
        return words;
    }
}
