package dev.keycard.auth;

import dev.keycard.Sha256;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.token.TokenPair;
import dev.keycard.token.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The browser's way to hold a refresh token: in an {@code HttpOnly} cookie that no script can
 * read, sent only to {@code /api/auth} and only by Keycard's own pages ({@code SameSite=Strict}).
 * <p>
 * Requests that use the cookie must also send {@code X-CSRF-Token}, whose value the page reads
 * from a second, readable cookie. That value is derived from the refresh token (a hash), so a
 * sibling site that can plant cookies still cannot produce a matching pair, and another site
 * cannot read it or set the header at all: a cross-site request is refused even where a browser
 * does not enforce SameSite.
 */
@ApplicationScoped
public class RefreshCookie {

    static final String NAME = "keycard_refresh";
    static final String CSRF_COOKIE = "keycard_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PATH = "/api/auth";

    @Inject
    @ConfigProperty(name = "keycard.cookie.secure")
    boolean secure;

    /** The access token in the body, the refresh token in the cookie, with its CSRF companion. */
    Response.ResponseBuilder deliver(TokenPair tokens) {
        return withCookies(
                TokenResponse.withoutRefreshToken(tokens),
                issue(tokens.refresh().refreshToken(), tokens.refresh().refreshExpiresIn()));
    }

    /** Removes both cookies. */
    Response.ResponseBuilder clear(Response.ResponseBuilder response) {
        return withCookies(response, cleared());
    }

    /** Removes the cookies if the request carried them; other clients get no Set-Cookie. */
    Response.ResponseBuilder clearIfSent(HttpServletRequest request, Response.ResponseBuilder response) {
        String sent = request.getHeader(HttpHeaders.COOKIE);
        return sent != null && sent.contains(NAME) ? clear(response) : response;
    }

    /** The two Set-Cookie values that hand a refresh token to the browser. */
    String[] issue(String refreshToken, long maxAgeSeconds) {
        return new String[] {
            cookie(NAME, refreshToken, PATH, maxAgeSeconds, true),
            cookie(CSRF_COOKIE, csrfToken(refreshToken), "/", maxAgeSeconds, false)
        };
    }

    /** The Set-Cookie values that remove both cookies. */
    String[] cleared() {
        return new String[] {cookie(NAME, "", PATH, 0, true), cookie(CSRF_COOKIE, "", "/", 0, false)};
    }

    private static Response.ResponseBuilder withCookies(Response.ResponseBuilder response, String[] cookies) {
        for (String cookie : cookies) {
            response.header(HttpHeaders.SET_COOKIE, cookie);
        }
        return response;
    }

    /** The cookie's refresh token, if the request has one; refused without the matching CSRF header. */
    Optional<String> presented(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                String header = request.getHeader(CSRF_HEADER);
                if (header == null
                        || !MessageDigest.isEqual(
                                header.getBytes(StandardCharsets.US_ASCII),
                                csrfToken(cookie.getValue()).getBytes(StandardCharsets.US_ASCII))) {
                    throw new ProblemException(
                            ProblemType.FORBIDDEN,
                            "A request that uses the refresh cookie must send " + CSRF_HEADER
                                    + " with the value of the " + CSRF_COOKIE + " cookie.");
                }
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    static String csrfToken(String refreshToken) {
        return Sha256.base64url("keycard-csrf:" + refreshToken);
    }

    private String cookie(String name, String value, String path, long maxAge, boolean httpOnly) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; SameSite=Strict"
                + (secure ? "; Secure" : "") + (httpOnly ? "; HttpOnly" : "");
    }
}
