package dev.keycard.problem;

import dev.keycard.JsonFormat;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Thrown by resources and controls; {@link ProblemMapper} and JAX-RS turn it into an
 * {@code application/problem+json} response. The detail must be safe to show to the caller.
 */
public class ProblemException extends WebApplicationException {

    public ProblemException(ProblemType type, String detail) {
        super(detail, response(type, detail).build());
    }

    public ProblemException(ProblemType type, String detail, String header, String value) {
        super(detail, response(type, detail).header(header, value).build());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    /**
     * A 400 about one member of the body, shaped as {@link InvalidFields} shapes a record's
     * violations: {@code field} is the member's JSON name and {@code rule} a phrase that follows it.
     */
    public static ProblemException invalidField(String field, String rule) {
        String detail = field + " " + rule + ".";
        JsonArray errors = JsonFormat.array()
                .add(JsonFormat.object().add("pointer", "#/" + field).add("detail", rule))
                .build();
        return new ProblemException(
                detail,
                response(
                        ProblemType.INVALID_REQUEST,
                        detail,
                        JsonFormat.object().add("errors", errors).build()));
    }

    /**
     * With extension members (RFC 9457 §3.2) that the type defines, such as the factors a sign-in
     * may continue with, and a header.
     */
    public static ProblemException withMembers(
            ProblemType type, String detail, JsonObject members, String header, String value) {
        return new ProblemException(detail, response(type, detail, members).header(header, value));
    }

    private ProblemException(String detail, Response.ResponseBuilder response) {
        super(detail, response.build());
    }

    public static Response.ResponseBuilder response(ProblemType type, String detail) {
        return response(type, detail, null);
    }

    /** With RFC 9457 extension members (such as {@code errors}), when there are any. */
    static Response.ResponseBuilder response(ProblemType type, String detail, JsonObject members) {
        JsonObjectBuilder body = JsonFormat.object()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", type.status());
        if (detail != null) {
            body.add("detail", detail);
        }
        if (members != null) {
            members.forEach(body::add);
        }
        if (type.oauthError() != null) {
            body.add("error", type.oauthError());
        }
        return Response.status(type.status())
                .type(ProblemType.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(body.build().toString());
    }
}
