package dev.keycard.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A string that is a {@link Username} once normalised. Null is left to {@code @NotNull}. */
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = ValidUsername.Check.class)
public @interface ValidUsername {

    String message() default "must be " + Username.RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ValidUsername, String> {
        @Override
        public boolean isValid(String username, ConstraintValidatorContext context) {
            return username == null || Username.local(username).isPresent();
        }
    }
}
