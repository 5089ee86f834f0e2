package dev.keycard.problem;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where every error leaving Keycard's code becomes {@code application/problem+json}.
 * JAX-RS's own exceptions (404, 405, 415, 406, 401 and 403 from {@code @RolesAllowed}) are rewritten with
 * their status, the headers that matter ({@code Allow}, {@code Retry-After}) and RFC 6750's
 * {@code WWW-Authenticate} challenge for 401 and 403; anything
 * unexpected becomes a 500 whose body names only an incident id to look up in the server log.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    private static final Map<Integer, String> DETAILS = Map.of(
            401, "Send a valid access token in the Authorization header (Bearer scheme).",
            403, "The access token does not carry a role that this resource requires.",
            404, "There is no resource at this path.",
            405, "This resource does not support the method; the Allow header lists those it does.",
            406, "This resource answers in JSON only.",
            415, "Send the request body as application/json.");
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER);

    /** Seconds a client should wait after a database outage answer: a connection attempt's worth. */
    static final String RETRY_AFTER_OUTAGE = "5";

    @Override
    public Response toResponse(Throwable failure) {
        RequestTooLarge tooLarge = find(failure, RequestTooLarge.class);
        if (tooLarge != null) {
            return tooLarge.getResponse();
        }
        if (failure instanceof WebApplicationException answer
                && answer.getResponse().hasEntity()) {
            // Already a complete answer: a problem, or an OAuth error whose shape RFC 6749 fixes.
            return answer.getResponse();
        }
        ConstraintViolationException invalid = find(failure, ConstraintViolationException.class);
        if (invalid != null && !invalid.getConstraintViolations().isEmpty()) {
            // Keycard's constraints are all on request records (entities have none): the client's fault.
            return InvalidFields.response(invalid);
        }
        // Only failures while reading the request are the client's fault; a JSON failure while
        // writing a response is a server bug and falls through to the 500 below.
        if (find(failure, JsonParsingException.class) != null
                || failure instanceof BadRequestException
                        && (find(failure, JsonException.class) != null
                                || find(failure, JsonbException.class) != null)) {
            return ProblemException.response(ProblemType.INVALID_REQUEST, "The request body is not valid JSON.")
                    .build();
        }
        if (DatabaseOutage.behind(failure)) {
            // Logged once per failure without the stack: an outage must not bury the log.
            LOG.warning(() ->
                    "Database unavailable: " + find(failure, SQLException.class).getMessage());
            return ProblemException.response(
                            ProblemType.DATABASE_UNAVAILABLE,
                            "Keycard's database is unavailable. Access tokens already issued stay valid; try again shortly.")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_OUTAGE)
                    .build();
        }
        SQLException sql = find(failure, SQLException.class);
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
            // Integrity constraint violation (SQLState class 23): a concurrent request won the race.
            return ProblemException.response(
                            ProblemType.CONFLICT, "The request conflicts with data that already exists.")
                    .build();
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromStatus(web.getResponse());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
        return ProblemException.response(
                        ProblemType.INTERNAL_ERROR, "An unexpected error occurred. Incident " + incident + ".")
                .build();
    }

    private static Response fromStatus(Response original) {
        int status = original.getStatus();
        ProblemType type = ProblemType.forStatus(status);
        Response.ResponseBuilder response =
                ProblemException.response(type, DETAILS.get(status)).status(status);
        for (String name : KEPT_HEADERS) {
            Object value = original.getHeaderString(name);
            if (value != null) {
                response.header(name, value);
            }
        }
        // RFC 6750 §3: a request without a token gets the bare challenge, a token without the role
        // the insufficient_scope one.
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\"");
        } else if (status == 403) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\", error=\"insufficient_scope\"");
        }
        return response.build();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return kind.cast(t);
            }
        }
        return null;
    }
}
