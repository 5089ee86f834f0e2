package dev.keycard.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is well formed, otherwise a
 * new one, echoed in the response) and works out the client address.
 * <p>
 * The client address is the TCP peer, unless that peer is one of {@code keycard.http.trusted-proxies}
 * (addresses or CIDR ranges):
 * then it is the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy, if it
 * is an IP address (otherwise the peer). Without
 * that setting {@code X-Forwarded-For} is ignored, since any client can send it.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class RequestIdentification implements ContainerRequestFilter, ContainerResponseFilter {

    static final String HEADER = "X-Request-Id";
    /**
     * At most a UUID's length (36): proxies' ids (UUIDs, nginx's 32 hex digits) fit, while every
     * secret Keycard makes is longer (43 characters and more), so that a token sent in the wrong
     * header is never taken for an id and written to the audit trail.
     */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,36}");

    /**
     * The shorter secrets Keycard makes: an authenticator app's secret (32 base32 letters) and a
     * recovery code (16 of them, dashes optional). An id of such a shape is replaced, never kept:
     * at worst a proxy's id is, which costs nothing but the correlation.
     */
    private static final Pattern SECRET_SHAPED = Pattern.compile("[A-Z2-7]{32}|[A-Za-z2-7]{4}(-?[A-Za-z2-7]{4}){3}");

    @Inject
    RequestContext context;

    @Inject
    @ConfigProperty(name = "keycard.http.trusted-proxies")
    Optional<List<String>> trustedProxies;

    @Context
    HttpServletRequest http;

    private TrustedProxies proxies;

    @PostConstruct
    void parseProxies() {
        proxies = TrustedProxies.parse(trustedProxies.orElse(List.of()));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        context.set(
                requestId(request.getHeaderString(HEADER)),
                clientAddress(http.getRemoteAddr(), request.getHeaderString("X-Forwarded-For"), proxies));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (context.requestId() != null) {
            response.getHeaders().putSingle(HEADER, context.requestId());
        }
    }

    /** The caller's id if it is well formed, otherwise a new one. */
    static String requestId(String offered) {
        return offered != null
                        && WELL_FORMED.matcher(offered).matches()
                        && !SECRET_SHAPED.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }

    static String clientAddress(String peer, String forwardedFor, TrustedProxies trusted) {
        if (forwardedFor == null || !trusted.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                // Only an IP address is an address: anything else in the header (a token pasted
                // into the wrong header, say) is not recorded as the client's.
                return TrustedProxies.isAddress(hop) ? hop : peer;
            }
        }
        return peer;
    }
}
