package dev.keycard.auth;

/** The OAuth 2.0 token response (RFC 6749 §5.1): access_token, token_type, expires_in. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
}
