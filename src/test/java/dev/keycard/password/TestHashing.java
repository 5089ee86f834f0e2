package dev.keycard.user;

/** Builds PasswordHashing outside the container for tests in other packages. */
public final class TestHashing {

    private TestHashing() {
    }

    public static PasswordHashing argon2id() {
        PasswordHashing hashing = new PasswordHashing();
        hashing.init();
        return hashing;
    }

    public static PasswordHashing pbkdf2(int iterations) {
        PasswordHashing hashing = new PasswordHashing();
        hashing.algorithm = PasswordHashing.PBKDF2;
        hashing.pbkdf2Iterations = iterations;
        hashing.init();
        return hashing;
    }
}
