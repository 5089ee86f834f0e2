package dev.keycard.problem;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text a person can type: no control characters (NUL, the rest of C0, DEL, C1) and no unpaired
 * surrogates. For credentials: a UTF-8 encoder writes an unpaired surrogate as {@code ?}, so two
 * different passwords would hash alike, and a NUL in a username is an attempt to cut a string
 * short somewhere downstream; refusing both with a 400 says so, where a 401 hid the rule.
 * Null is left to {@code @NotNull}.
 */
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = PlainText.Check.class)
public @interface PlainText {

    String RULE = "must not contain control characters (such as NUL) or unpaired surrogates";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PlainText, String> {
        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            return text == null || isPlain(text);
        }

        /** Paired surrogates form one supplementary code point; an unpaired one stays of type SURROGATE. */
        static boolean isPlain(String text) {
            return text.codePoints().noneMatch(c -> {
                int type = Character.getType(c);
                return type == Character.CONTROL || type == Character.SURROGATE;
            });
        }

        /** Text that can be stored at all: no NUL (PostgreSQL refuses it) and no unpaired surrogate (UTF-8 cannot hold it). */
        static boolean isStorable(String text) {
            return text.codePoints().noneMatch(c -> c == 0 || Character.getType(c) == Character.SURROGATE);
        }
    }
}
