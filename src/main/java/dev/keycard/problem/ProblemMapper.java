package dev.keycard.problem;

import dev.keycard.JsonFormat;
import dev.keycard.directory.DirectoryUnavailable;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The one place where every error leaving Keycard's code becomes {@code application/problem+json}.
 * JAX-RS's own exceptions (404, 405, 415, 406, 401 and 403 from {@code @RolesAllowed}) are rewritten with
 * their status, the headers that matter ({@code Allow}, {@code Retry-After}) and RFC 6750's
 * {@code WWW-Authenticate} challenge for 401 and 403; anything
 * unexpected becomes a 500 whose body names only an incident id to look up in the server log
 * ({@link Incidents}). On the OAuth endpoints the same answers take RFC 6749's error shape.
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

    /** Form bodies' media type, named when an OAuth endpoint gets another. */
    private static final String FORM_DETAIL = "Send the request body as application/x-www-form-urlencoded.";

    /** Null when the mapper is created outside JAX-RS ({@link InvalidFields}). */
    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        Response answer = answer(failure);
        return oauthEndpoint() ? asOAuthError(answer) : answer;
    }

    private Response answer(Throwable failure) {
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
        DirectoryUnavailable directory = find(failure, DirectoryUnavailable.class);
        if (directory != null) {
            // Directory already logged the outage once, when it began.
            return ProblemException.response(
                            ProblemType.DIRECTORY_UNAVAILABLE,
                            "The user directory is not answering, so directory users cannot sign in or refresh"
                                    + " now. Local accounts and access tokens already issued are not affected; try"
                                    + " again shortly.")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_OUTAGE)
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
            return fromStatus(web.getResponse(), oauthEndpoint());
        }
        String incident = Incidents.LOGGED.record(failure);
        return ProblemException.response(
                        ProblemType.INTERNAL_ERROR, "An unexpected error occurred. Incident " + incident + ".")
                .build();
    }

    private static Response fromStatus(Response original, boolean oauth) {
        int status = original.getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = status == 415 && oauth ? FORM_DETAIL : DETAILS.get(status);
        Response.ResponseBuilder response =
                ProblemException.response(type, detail).status(status);
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

    private boolean oauthEndpoint() {
        try {
            return uri != null
                    && (uri.getPath().startsWith("oauth2/") || uri.getPath().startsWith("/oauth2/"));
        } catch (RuntimeException outsideARequest) {
            return false;
        }
    }

    /**
     * The OAuth endpoints' clients parse RFC 6749's error object (§5.2), not problem details:
     * the same status, detail and headers in that shape. 401 and 403 stay problems with their
     * RFC 6750 challenge (userinfo is a bearer resource), and answers already in another shape
     * ({@code OAuthError}, the hosted pages) pass unchanged.
     */
    static Response asOAuthError(Response problem) {
        int status = problem.getStatus();
        if (status == 401
                || status == 403
                || problem.getMediaType() == null
                || !ProblemType.MEDIA_TYPE.equals(problem.getMediaType().toString())
                || !(problem.getEntity() instanceof String body)) {
            return problem;
        }
        JsonObject fields = JsonFormat.reader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .readObject();
        String error = status == 503 ? "temporarily_unavailable" : status >= 500 ? "server_error" : "invalid_request";
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(JsonFormat.object()
                        .add("error", fields.getString("error", error))
                        .add("error_description", fields.getString("detail", fields.getString("title")))
                        .build()
                        .toString());
        for (String name : KEPT_HEADERS) {
            if (problem.getHeaderString(name) != null) {
                response.header(name, problem.getHeaderString(name));
            }
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
