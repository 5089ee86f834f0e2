package dev.keycard;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * What a role name may be, for users and service clients alike: it travels in every token's
 * {@code groups} claim, where verifiers match it against {@code @RolesAllowed}.
 */
@Pattern(regexp = "[a-z][a-z0-9_-]{0,31}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({TYPE_USE, FIELD, PARAMETER})
@Retention(RUNTIME)
public @interface RoleName {

    /**
     * The one role of a token that may only set up a second factor: a user whose roles require
     * one signed in without it (mfa/SecondFactorPolicy). Declared here, beside the rule every role
     * name follows, so that each feature's resources can open themselves to it without a cycle.
     */
    String ENROLMENT = "enrol-second-factor";

    String message() default "must each be 1 to 32 characters of a-z, 0-9, '_' or '-', starting with a letter";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
