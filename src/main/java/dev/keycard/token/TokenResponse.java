package dev.keycard.token;

import dev.keycard.token.Sessions.Grant;
import dev.keycard.token.TokenIssuer.IssuedToken;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The OAuth 2.0 token response (RFC 6749 §5.1): {@code access_token}, {@code token_type},
 * {@code expires_in}, and for a session the rotating {@code refresh_token} with its own lifetime,
 * {@code refresh_expires_in}. Every token response Keycard sends is built here, with the headers
 * that keep it out of every cache (RFC 6749 §5.1).
 */
public record TokenResponse(
        String accessToken,
        String tokenType,
        long expiresIn,
        String refreshToken,
        Long refreshExpiresIn,
        String idToken,
        String scope) {

    TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, Long refreshExpiresIn) {
        this(accessToken, tokenType, expiresIn, refreshToken, refreshExpiresIn, null, null);
    }

    /**
     * An application's tokens (OpenID Connect Core 1.0 §3.1.3.3): the ID token, the scope granted,
     * and a refresh token if the client may refresh ({@code refresh} null otherwise).
     */
    public static Response.ResponseBuilder of(IssuedToken access, Grant refresh, String idToken, String scope) {
        return uncached(new TokenResponse(
                access.value(),
                "Bearer",
                access.expiresIn(),
                refresh == null ? null : refresh.refreshToken(),
                refresh == null ? null : refresh.refreshExpiresIn(),
                idToken,
                scope));
    }

    /** A session's tokens, both in the body. */
    public static Response.ResponseBuilder of(TokenPair tokens) {
        return uncached(new TokenResponse(
                tokens.access().value(),
                "Bearer",
                tokens.access().expiresIn(),
                tokens.refresh().refreshToken(),
                tokens.refresh().refreshExpiresIn()));
    }

    /** For a browser: the refresh token travels in its cookie instead, out of JavaScript's reach. */
    public static Response.ResponseBuilder withoutRefreshToken(TokenPair tokens) {
        return uncached(new TokenResponse(
                tokens.access().value(),
                "Bearer",
                tokens.access().expiresIn(),
                null,
                tokens.refresh().refreshExpiresIn()));
    }

    /** A service client's token: no session, so no refresh token. */
    public static Response.ResponseBuilder of(IssuedToken token) {
        return uncached(new TokenResponse(token.value(), "Bearer", token.expiresIn(), null, null));
    }

    private static Response.ResponseBuilder uncached(TokenResponse body) {
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }

    @Override
    public String toString() {
        return "TokenResponse[...]";
    }
}
