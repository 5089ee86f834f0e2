package dev.keycard.page;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Browser protections on every response Keycard's code answers, the page and the API alike. The
 * Content-Security-Policy allows scripts, styles and requests from Keycard's own origin only: no
 * inline script (the page has none), no other origin, no framing, no plugins. A JSON answer
 * carries the same headers, so that one opened directly in a browser is just as inert.
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        // A page that must allow more (the hosted sign-in form posts on to an application) sets its own.
        if (!headers.containsKey("Content-Security-Policy")) {
            headers.putSingle("Content-Security-Policy", POLICY);
        }
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Cross-Origin-Opener-Policy", "same-origin");
    }
}
