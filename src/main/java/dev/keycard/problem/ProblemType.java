package dev.keycard.problem;

/**
 * The kinds of error Keycard answers with. Each has a stable {@code type} URI (RFC 9457 §3.1.1)
 * that clients may switch on; titles are fixed per type, details vary per occurrence.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "The request is not valid", "invalid_request"),
    INVALID_CREDENTIALS(401, "invalid-credentials", "Invalid username or password"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    INVALID_TOKEN(401, "invalid-token", "The access token is not valid"),
    TOKEN_REVOKED(401, "token-revoked", "The access token has been revoked"),
    INVALID_GRANT(401, "invalid-grant", "The refresh token is not valid", "invalid_grant"),
    FRESH_LOGIN_REQUIRED(401, "fresh-login-required", "A fresh login is required"),
    SECOND_FACTOR_REQUIRED(401, "second-factor-required", "A second factor is required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    WRONG_PASSWORD(403, "wrong-password", "The current password is incorrect"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
    DATABASE_UNAVAILABLE(503, "database-unavailable", "The database is unavailable"),
    DIRECTORY_UNAVAILABLE(503, "directory-unavailable", "The user directory is unavailable"),
    PASSKEY_REFUSED(401, "passkey-refused", "The passkey was not accepted");

    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String slug;
    private final String title;
    private final String oauthError;

    ProblemType(int status, String slug, String title) {
        this(status, slug, title, null);
    }

    ProblemType(int status, String slug, String title, String oauthError) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.oauthError = oauthError;
    }

    /** The OAuth 2.0 error code (RFC 6749 §5.2) that OAuth clients look for, if the type has one. */
    public String oauthError() {
        return oauthError;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A URN rather than a web address: Keycard runs under each operator's own host name. */
    public String uri() {
        return "urn:keycard:problem:" + slug;
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && (status != 401 || type == UNAUTHORIZED) && type != WRONG_PASSWORD) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
