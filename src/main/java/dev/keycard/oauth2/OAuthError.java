package dev.keycard.oauth2;

import dev.keycard.JsonFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An OAuth 2.0 error response (RFC 6749 §5.2): {@code application/json} with {@code error} and
 * {@code error_description}, the shape every OAuth client library parses. Used by the token and
 * introspection endpoints only; the rest of Keycard answers problem+json.
 */
public class OAuthError extends WebApplicationException {

    public OAuthError(int status, String error, String description) {
        super(description, build(status, error, description));
    }

    /** 401 with the Basic challenge that RFC 6749 §5.2 asks for when client authentication fails. */
    public static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", "Client authentication failed.");
    }

    /**
     * Parses the form now, so that a body or query that is not validly URL-encoded (a bad escape
     * such as {@code %zz}) is an {@code invalid_request}, not an error from deep in the container.
     */
    static void requireReadableForm(HttpServletRequest form) {
        try {
            form.getParameterMap();
        } catch (IllegalArgumentException | IllegalStateException unreadable) {
            throw invalidRequest("The form is not validly URL-encoded UTF-8.");
        }
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    private static Response build(int status, String error, String description) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(JsonFormat.object()
                        .add("error", error)
                        .add("error_description", description)
                        .build()
                        .toString());
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"keycard\"");
        }
        return response.build();
    }
}
