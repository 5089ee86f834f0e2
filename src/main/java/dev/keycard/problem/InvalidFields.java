package dev.keycard.problem;

import dev.keycard.JsonFormat;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/**
 * A request whose body broke its record's constraints: a 400 problem whose detail names every
 * field and its rule ("new_password must be at least 12 characters."), with an RFC 9457
 * {@code errors} member of one {@code {"pointer", "detail"}} per violation, the pointer being the
 * JSON pointer of the member ({@code #/attributes/department}). Field names are the JSON names, as
 * the client wrote them; the rejected value is never repeated, since it may be a password.
 * <p>
 * A mapper of its own, beside {@link ProblemMapper}, because RESTEasy brings a built-in mapper for
 * {@link ValidationException} that a mapper of {@code Throwable} cannot outrank, and that answers
 * in plain text quoting every rejected value. Any other validation failure is a server bug, which
 * {@link ProblemMapper} answers.
 */
@Provider
public class InvalidFields implements ExceptionMapper<ValidationException> {

    @Override
    public Response toResponse(ValidationException failure) {
        if (failure instanceof ConstraintViolationException invalid
                && !invalid.getConstraintViolations().isEmpty()) {
            return response(invalid);
        }
        return new ProblemMapper().toResponse(failure);
    }

    private record Field(String pointer, String name, String rule) {}

    static Response response(ConstraintViolationException invalid) {
        List<Field> fields = invalid.getConstraintViolations().stream()
                .map(InvalidFields::field)
                .sorted(Comparator.comparing(Field::pointer).thenComparing(Field::rule))
                .distinct()
                .toList();
        StringBuilder detail = new StringBuilder();
        JsonArrayBuilder errors = JsonFormat.array();
        for (Field field : fields) {
            detail.append(detail.length() == 0 ? "" : " ")
                    .append(field.name())
                    .append(' ')
                    .append(field.rule())
                    .append('.');
            errors.add(JsonFormat.object().add("pointer", field.pointer()).add("detail", field.rule()));
        }
        return ProblemException.response(
                        ProblemType.INVALID_REQUEST,
                        detail.toString(),
                        JsonFormat.object().add("errors", errors).build())
                .build();
    }

    private static Field field(ConstraintViolation<?> violation) {
        StringBuilder pointer = new StringBuilder("#");
        String name = "The request body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                name = JsonRequestBody.snakeCase(node.getName());
                pointer.append('/').append(name);
            } else if (node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT && node.getKey() != null) {
                pointer.append('/').append(escape(String.valueOf(node.getKey())));
            } else if (node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT && node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
        }
        return new Field(pointer.toString(), name, violation.getMessage());
    }

    /** RFC 6901: "~" and "/" inside a member name. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
