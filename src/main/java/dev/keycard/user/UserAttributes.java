package dev.keycard.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.keycard.token.TokenIssuer;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A user's extra token claims, {@code "attributes": {"department": "sales"}}: at most 10, names of
 * a-z, 0-9 and '_' (up to 32, starting with a letter) that no registered or commonly trusted claim
 * has ({@link TokenIssuer#RESERVED_CLAIMS}), string values of up to 256 characters without control
 * characters. Null is left alone: it means "none" or "unchanged".
 */
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = UserAttributes.Check.class)
public @interface UserAttributes {

    int MAX_ATTRIBUTES = 10;
    int MAX_VALUE_LENGTH = 256;

    /** The rules, for the API's documentation. */
    String RULES = "at most 10 extra string claims for the user's tokens: names of a-z, 0-9 and '_' (up to 32,"
            + " starting with a letter) that are not a reserved claim name, values of up to 256 characters";

    String message() default "may have at most " + MAX_ATTRIBUTES + " entries";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<UserAttributes, Map<String, String>> {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
        private static final Pattern VALUE = Pattern.compile("[^\\p{Cc}]{0," + MAX_VALUE_LENGTH + "}");

        @Override
        public boolean isValid(Map<String, String> attributes, ConstraintValidatorContext context) {
            if (attributes == null) {
                return true;
            }
            if (attributes.size() > MAX_ATTRIBUTES) {
                return false;
            }
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                String broken = !NAME.matcher(attribute.getKey()).matches()
                        ? "may only have names of a-z, 0-9 and '_', up to 32 characters, starting with a letter"
                        : TokenIssuer.RESERVED_CLAIMS.contains(attribute.getKey())
                                ? "may not use a reserved claim name"
                                : !VALUE.matcher(attribute.getValue()).matches()
                                        ? "may only have values of at most " + MAX_VALUE_LENGTH
                                                + " characters without control characters"
                                        : null;
                if (broken != null) {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate(broken).addConstraintViolation();
                    return false;
                }
            }
            return true;
        }
    }
}
