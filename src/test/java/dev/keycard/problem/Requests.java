package dev.keycard.problem;

import jakarta.json.Json;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.function.Function;

/**
 * A request body as Keycard reads it, outside Liberty: bound from JSON by {@link JsonRequestBody},
 * validated by Hibernate Validator (Liberty's Bean Validation), and a refusal turned into the
 * problem {@link ProblemMapper} answers.
 */
public final class Requests {

    private final Validator validator;

    private Requests(Validator validator) {
        this.validator = validator;
    }

    public static Requests validated() {
        return new Requests(Validation.buildDefaultValidatorFactory().getValidator());
    }

    /** With validators made by {@code factory} where it gives one (their injected fields set by hand). */
    public static Requests validated(Function<Class<?>, ConstraintValidator<?, ?>> factory) {
        ConstraintValidatorFactory fallback =
                Validation.buildDefaultValidatorFactory().getConstraintValidatorFactory();
        return new Requests(Validation.byDefaultProvider()
                .configure()
                .constraintValidatorFactory(new ConstraintValidatorFactory() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                        ConstraintValidator<?, ?> made = factory.apply(key);
                        return made != null ? (T) made : fallback.getInstance(key);
                    }

                    @Override
                    public void releaseInstance(ConstraintValidator<?, ?> instance) {}
                })
                .buildValidatorFactory()
                .getValidator());
    }

    /** The record, if the body is valid. */
    public <T extends Record> T read(Class<T> type, String json) {
        T request = JsonRequestBody.bind(
                type, Json.createReader(new StringReader(json)).readObject());
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /** The 400 problem's detail, for a body that must be refused. */
    public String refusal(Class<? extends Record> type, String json) {
        try {
            read(type, json);
        } catch (RuntimeException refused) {
            Response response = new ProblemMapper().toResponse(refused);
            if (response.getStatus() != 400) {
                throw new AssertionError("status " + response.getStatus() + " for " + json);
            }
            return Json.createReader(new StringReader((String) response.getEntity()))
                    .readObject()
                    .getString("detail");
        }
        throw new AssertionError("accepted: " + json);
    }
}
