package dev.keycard.password;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A new password of the size {@link PasswordPolicy#broken} allows; the violation names the rule it
 * breaks. Null is left to {@code @NotNull}. Guessability is checked by the resource, which knows the
 * owner's name ({@link PasswordPolicy#requireUnguessable}).
 */
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = AcceptablePassword.Check.class)
public @interface AcceptablePassword {

    /** The rules, for the API's documentation; {@link PasswordPolicy} enforces them. */
    String RULES = "at least keycard.password.min-length characters (12 by default), at most 1024 bytes in UTF-8,"
            + " not too easy to guess (zxcvbn's score at least keycard.password.min-strength, 3 by default,"
            + " with the username and the service's name as known words)";

    String message() default "does not follow the password rules";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<AcceptablePassword, String> {

        /**
         * The configured policy, looked up rather than injected: Liberty creates validators through
         * a bean manager that does not see the application's beans.
         */
        PasswordPolicy policy;

        @Override
        public void initialize(AcceptablePassword constraint) {
            if (policy == null) {
                policy = CDI.current().select(PasswordPolicy.class).get();
            }
        }

        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            String broken = password == null ? null : policy.broken(password);
            if (broken == null) {
                return true;
            }
            // The rule's text is Keycard's own, never the caller's input, so it is safe as a template.
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(broken).addConstraintViolation();
            return false;
        }
    }
}
