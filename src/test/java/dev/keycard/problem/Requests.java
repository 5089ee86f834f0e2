package dev.keycard.problem;

import jakarta.json.Json;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A request body as Keycard reads it, outside Liberty: read, bound and validated by
 * {@link JsonRequestBody} with Hibernate Validator (Liberty's Bean Validation), and a refusal
 * turned into the problem that {@link InvalidFields} or {@link ProblemMapper} answers.
 */
public final class Requests {

    private final JsonRequestBody reader = new JsonRequestBody();

    private Requests(jakarta.validation.Validator validator) {
        reader.validator = validator;
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
    @SuppressWarnings("unchecked")
    public <T extends Record> T read(Class<T> type, String json) {
        try {
            return (T) reader.readFrom(
                    (Class<Record>) (Class<?>) type,
                    type,
                    null,
                    MediaType.APPLICATION_JSON_TYPE,
                    null,
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The 400 problem's detail, for a body that must be refused. */
    public String refusal(Class<? extends Record> type, String json) {
        try {
            read(type, json);
        } catch (jakarta.validation.ValidationException invalid) {
            return detail(new InvalidFields().toResponse(invalid));
        } catch (RuntimeException refused) {
            return detail(new ProblemMapper().toResponse(refused));
        }
        throw new AssertionError("accepted: " + json);
    }

    private static String detail(Response response) {
        if (response.getStatus() != 400) {
            throw new AssertionError("status " + response.getStatus());
        }
        return Json.createReader(new StringReader((String) response.getEntity()))
                .readObject()
                .getString("detail");
    }
}
