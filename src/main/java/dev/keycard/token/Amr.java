package dev.keycard.token;

import java.util.Arrays;
import java.util.List;

/**
 * How the user proved who they are at sign-in, as RFC 8176 names the methods: {@code pwd} (a
 * password), {@code otp} (an authenticator app's code, or a recovery code: both are one-time
 * passwords), {@code hwk} or {@code swk} (a passkey kept on one device, or one synced between
 * devices), {@code user} (the authenticator verified the person: PIN or biometric), and {@code mfa}
 * when more than one factor was used. Stored with the login (its token family, its SSO session) so
 * that every token of that login says the same, refreshes included.
 */
public record Amr(List<String> values) {

    public static final String PASSWORD = "pwd";
    public static final String ONE_TIME_PASSWORD = "otp";
    public static final String HARDWARE_KEY = "hwk";
    public static final String SOFTWARE_KEY = "swk";
    public static final String USER_VERIFIED = "user";
    public static final String MULTI_FACTOR = "mfa";

    /**
     * The ID token's {@code acr} (OpenID Connect Core §2): which level the sign-in reached. Keycard
     * names two; a relying party that needs a second factor checks for the second.
     */
    public static final String ACR_SINGLE_FACTOR = "urn:keycard:acr:1fa";

    public static final String ACR_MULTI_FACTOR = "urn:keycard:acr:2fa";

    public Amr {
        values = List.copyOf(values);
    }

    /** A password alone: every login before second factors existed, and every one without. */
    public static Amr password() {
        return new Amr(List.of(PASSWORD));
    }

    /** A password and an authenticator app's code or a recovery code. */
    public static Amr passwordAndCode() {
        return new Amr(List.of(PASSWORD, ONE_TIME_PASSWORD, MULTI_FACTOR));
    }

    /** A password and a passkey as the second factor. */
    public static Amr passwordAndPasskey(boolean deviceBound) {
        return new Amr(List.of(PASSWORD, key(deviceBound), MULTI_FACTOR));
    }

    /**
     * A passkey alone, with user verification (Keycard requires it): something the person has and
     * something they know or are, as NIST SP 800-63B counts a multi-factor authenticator.
     */
    public static Amr passkey(boolean deviceBound) {
        return new Amr(List.of(key(deviceBound), USER_VERIFIED, MULTI_FACTOR));
    }

    private static String key(boolean deviceBound) {
        return deviceBound ? HARDWARE_KEY : SOFTWARE_KEY;
    }

    /** As stored: space-separated; null or blank (a login from before this column) is a password. */
    public static Amr parse(String stored) {
        return stored == null || stored.isBlank()
                ? password()
                : new Amr(Arrays.asList(stored.trim().split(" ")));
    }

    public String stored() {
        return String.join(" ", values);
    }

    public boolean multiFactor() {
        return values.contains(MULTI_FACTOR);
    }

    public String acr() {
        return multiFactor() ? ACR_MULTI_FACTOR : ACR_SINGLE_FACTOR;
    }
}
