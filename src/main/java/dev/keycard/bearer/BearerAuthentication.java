package dev.keycard.bearer;

import dev.keycard.problem.ProblemException;
import io.smallrye.jwt.auth.cdi.PrincipalProducer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authenticates every request that carries {@code Authorization: Bearer}, on public URLs too: a
 * valid token names the caller (for {@code @RolesAllowed}, the injected {@link JsonWebToken} and
 * {@link SecurityContext}); a bad one is refused with RFC 6750's challenge and a problem+json body
 * saying what was wrong, never silently treated as anonymous.
 * <p>
 * Access tokens are accepted in the header only. A token in a URL ends up in access logs, proxy
 * logs, browser history and Referer headers (RFC 6750 §5.3), so a request carrying
 * {@code access_token} as a query parameter is refused outright.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class BearerAuthentication implements ContainerRequestFilter {

    static final String IN_URL = "Send the access token in the Authorization header (Bearer scheme), "
            + "never in the URL or the request body.";

    static final String USERINFO = "oauth2/userinfo";

    @Inject
    BearerTokens tokens;

    /** SmallRye JWT's request-scoped producer of the injectable {@link JsonWebToken}. */
    @Inject
    PrincipalProducer injectable;

    @Override
    public void filter(ContainerRequestContext request) {
        if (queryParameters(request).containsKey("access_token")) {
            throw ProblemException.badRequest(IN_URL);
        }
        String path = request.getUriInfo().getPath();
        if (USERINFO.equals(path.startsWith("/") ? path.substring(1) : path)) {
            return; // it checks applications' tokens itself, whatever their audience
        }
        BearerTokens.Outcome outcome = tokens.check(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (outcome instanceof BearerTokens.Accepted accepted) {
            injectable.setJsonWebToken(accepted.token());
            request.setSecurityContext(
                    new Caller(accepted.token(), request.getSecurityContext().isSecure()));
        } else if (outcome instanceof BearerTokens.Refused refused) {
            throw new ProblemException(
                    refused.type(), refused.detail(), HttpHeaders.WWW_AUTHENTICATE, challenge(refused.detail()));
        }
    }

    /** The URL's query; one that is not validly percent-encoded is the client's error, for every endpoint. */
    private static MultivaluedMap<String, String> queryParameters(ContainerRequestContext request) {
        try {
            return request.getUriInfo().getQueryParameters();
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.badRequest("The URL's query is not validly percent-encoded.");
        }
    }

    /** RFC 6750 §3: error_description is plain ASCII without quotes, so the detail fits as it is. */
    public static String challenge(String detail) {
        String description = detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail;
        return "Bearer realm=\"keycard\", error=\"invalid_token\", error_description=\"" + description + "\"";
    }

    /** The caller a valid token names; its roles are the token's {@code groups}. */
    record Caller(JsonWebToken token, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return token;
        }

        @Override
        public boolean isUserInRole(String role) {
            return token.getGroups().contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "MP-JWT";
        }
    }
}
