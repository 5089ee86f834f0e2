package dev.keycard.password;

import dev.keycard.ShippedConfig;

/** Builds PasswordHashing outside the container for tests in other packages. */
public final class TestHashing {

    private TestHashing() {}

    /** As shipped: Argon2id at the default costs. */
    public static PasswordHashing argon2id() {
        return configured();
    }

    public static PasswordHashing pbkdf2(int iterations) {
        return configured(
                "keycard.password.algorithm",
                PasswordHashing.PBKDF2,
                "keycard.password.pbkdf2.iterations",
                Integer.toString(iterations));
    }

    /** The shipped defaults, but for the {@code overrides} (key, value, ...). */
    static PasswordHashing configured(String... overrides) {
        PasswordHashing hashing = ShippedConfig.configure(new PasswordHashing(), overrides);
        hashing.init();
        return hashing;
    }
}
