package dev.keycard.sso;

import dev.keycard.RandomToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The browser's side of single sign-on: two cookies, both {@code HttpOnly} and sent only to
 * {@code /oauth2}. {@code keycard_sso} holds the SSO session ({@code SameSite=Lax}, so that an
 * application's link or redirect to the authorization endpoint carries it, and no cross-site POST
 * does). {@code keycard_form} holds the anti-forgery value the hosted forms repeat in a hidden field
 * ({@code SameSite=Strict}): a form posted from another site has neither the cookie nor the value.
 * Both {@code Secure} unless {@code keycard.cookie.secure=false} (plain-HTTP local runs only).
 */
@ApplicationScoped
public class SsoCookie {

    static final String SESSION = "keycard_sso";
    static final String FORM = "keycard_form";
    private static final String PATH = "/oauth2";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

    @Inject
    @ConfigProperty(name = "keycard.cookie.secure")
    boolean secure;

    @Inject
    @ConfigProperty(name = "keycard.issuer")
    String issuer;

    /** scheme://host[:port] of the issuer: what a browser sends as Origin from Keycard's pages. */
    private String issuerOrigin() {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** The SSO session cookie's value, if the browser sent one that could be ours. */
    public Optional<String> session(HttpServletRequest request) {
        return value(request, SESSION);
    }

    /** Hands a new SSO session to the browser, for as long as it can live. */
    public String issue(SsoSessions.Opened opened) {
        long maxAge = Math.max(
                0, Duration.between(Instant.now(), opened.session().expiresAt()).toSeconds());
        return cookie(SESSION, opened.cookie(), maxAge, "Lax");
    }

    public String cleared() {
        return cookie(SESSION, "", 0, "Lax");
    }

    /** The anti-forgery value for a form: the browser's own if it has one, else a new one. */
    public String formValue(HttpServletRequest request) {
        return value(request, FORM).orElseGet(() -> {
            return RandomToken.next();
        });
    }

    /** Lives as long as the browser session: the form may be filled in slowly. */
    public String formCookie(String value) {
        return FORM + "=" + value + "; Path=" + PATH + "; SameSite=Strict" + (secure ? "; Secure" : "") + "; HttpOnly";
    }

    /**
     * Whether a form post comes from one of Keycard's own pages: it repeats the value of the
     * browser's form cookie in its {@code csrf} field, and the browser does not say it comes from
     * elsewhere ({@code Sec-Fetch-Site}, {@code Origin}). The second check stops a sibling
     * subdomain, which counts as the same site for SameSite and could plant the cookie.
     */
    public boolean postedFromKeycardsForm(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        // Keycard's pages send no Referer (Referrer-Policy: no-referrer), so browsers send
        // "Origin: null" with their forms: only another origin named outright is refused.
        boolean otherOrigin = origin != null && !origin.equals("null") && !origin.equals(issuerOrigin());
        if (site != null && !site.equals("same-origin") || otherOrigin) {
            return false;
        }
        String posted = request.getParameter("csrf");
        Optional<String> expected = value(request, FORM);
        return posted != null
                && expected.isPresent()
                && MessageDigest.isEqual(
                        expected.get().getBytes(StandardCharsets.US_ASCII), posted.getBytes(StandardCharsets.US_ASCII));
    }

    private static Optional<String> value(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())
                    && VALUE.matcher(cookie.getValue()).matches()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private String cookie(String name, String value, long maxAge, String sameSite) {
        return name + "=" + value + "; Path=" + PATH + "; Max-Age=" + maxAge + "; SameSite=" + sameSite
                + (secure ? "; Secure" : "") + "; HttpOnly";
    }
}
