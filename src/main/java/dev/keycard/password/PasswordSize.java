package dev.keycard.password;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * A password that is not empty and at most {@link PasswordHashing#MAX_PASSWORD_BYTES} bytes in UTF-8:
 * checked when the request is read, so that an oversized password never reaches the hash, whose cost
 * must not be the caller's to choose. Null is left to {@code @NotNull}.
 */
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = PasswordSize.Check.class)
public @interface PasswordSize {

    String message() default "must be 1 to " + PasswordHashing.MAX_PASSWORD_BYTES + " bytes (UTF-8)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PasswordSize, String> {
        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            return password == null || !password.isEmpty() && fits(password);
        }

        /** Counted without encoding when the characters alone settle it. */
        static boolean fits(String password) {
            return password.length() <= PasswordHashing.MAX_PASSWORD_BYTES / 3
                    || password.length() <= PasswordHashing.MAX_PASSWORD_BYTES
                            && password.getBytes(StandardCharsets.UTF_8).length <= PasswordHashing.MAX_PASSWORD_BYTES;
        }
    }
}
