package dev.keycard.token;

import dev.keycard.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Access tokens are accepted in the {@code Authorization: Bearer} header only. A token in a URL
 * ends up in access logs, proxy logs, browser history and Referer headers (RFC 6750 §5.3), so a
 * request carrying {@code access_token} as a query parameter is refused outright rather than
 * silently treated as anonymous. Liberty itself would also take a token from an
 * {@code access_token} form field on a POST; a caller authenticated that way (a principal without
 * a bearer header) is refused too.
 */
@Provider
@PreMatching
public class BearerTokenPlacement implements ContainerRequestFilter {

    static final String DETAIL = "Send the access token in the Authorization header (Bearer scheme), "
            + "never in the URL or the request body.";

    @Override
    public void filter(ContainerRequestContext request) {
        boolean inUrl = request.getUriInfo().getQueryParameters().containsKey("access_token");
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean inHeader = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        boolean authenticatedElsewhere =
                !inHeader && request.getSecurityContext().getUserPrincipal() != null;
        if (inUrl || authenticatedElsewhere) {
            throw ProblemException.badRequest(DETAIL);
        }
    }
}
