package dev.keycard.client;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;

/** A registration whose fields agree ({@link ClientMetadata#contradictions}); each broken rule names its field. */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = ConsistentClient.Check.class)
public @interface ConsistentClient {

    String message() default "is inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ConsistentClient, NewClient> {

        @Override
        public boolean isValid(NewClient client, ConstraintValidatorContext context) {
            Map<String, String> broken = ClientMetadata.contradictions(
                    client.grantTypes(), client.redirectUris(), client.tokenEndpointAuthMethod());
            if (broken.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            broken.forEach((field, rule) -> context.buildConstraintViolationWithTemplate(rule)
                    .addPropertyNode(field)
                    .addConstraintViolation());
            return false;
        }
    }
}
