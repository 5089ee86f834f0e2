package dev.keycard.token;

import dev.keycard.token.Sessions.Grant;
import dev.keycard.token.TokenIssuer.IssuedToken;

/** Both tokens of a successful login or refresh: a signed access token and a rotating refresh token. */
public record TokenPair(IssuedToken access, Grant refresh) {}
