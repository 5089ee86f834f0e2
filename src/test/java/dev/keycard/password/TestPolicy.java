package dev.keycard.password;

import dev.keycard.ShippedConfig;
import jakarta.validation.ConstraintValidator;

/** The shipped password policy outside the container, for tests in other packages. */
public final class TestPolicy {

    private TestPolicy() {}

    /** For {@code Requests.validated}: {@link AcceptablePassword}'s check with the shipped policy. */
    public static ConstraintValidator<?, ?> validators(Class<?> type) {
        if (type != AcceptablePassword.Check.class) {
            return null;
        }
        AcceptablePassword.Check check = new AcceptablePassword.Check();
        check.policy = ShippedConfig.configure(new PasswordPolicy());
        check.policy.load();
        return check;
    }
}
