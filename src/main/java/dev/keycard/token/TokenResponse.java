package dev.keycard.auth;

import dev.keycard.auth.SignIns.Tokens;

/**
 * The OAuth 2.0 token response (RFC 6749 §5.1): access_token, token_type, expires_in, and the
 * rotating refresh_token with its own lifetime, refresh_expires_in.
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                            long refreshExpiresIn) {

    static TokenResponse of(Tokens tokens) {
        return new TokenResponse(tokens.access().value(), "Bearer", tokens.access().expiresIn(),
                tokens.refresh().refreshToken(), tokens.refresh().refreshExpiresIn());
    }

    /** For a browser: the refresh token travels in its cookie instead, out of JavaScript's reach. */
    static TokenResponse withoutRefreshToken(Tokens tokens) {
        return new TokenResponse(tokens.access().value(), "Bearer", tokens.access().expiresIn(), null,
                tokens.refresh().refreshExpiresIn());
    }
}
