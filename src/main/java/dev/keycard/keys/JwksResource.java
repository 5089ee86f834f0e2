package dev.keycard.keys;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The public signing keys (RFC 7517 JWK Set) that any service uses to validate Keycard's tokens. */
@Path(".well-known/jwks.json")
@RequestScoped
@DenyAll
public class JwksResource {

    static final String MEDIA_TYPE = "application/jwk-set+json";
    /** How long verifiers may cache the key set; a later rotation publishes keys at least this long ahead. */
    static final int MAX_AGE_SECONDS = 300;

    @Inject
    SigningKeys keys;

    @GET
    @PermitAll
    @Produces({MEDIA_TYPE, "application/json"})
    public Response jwks() {
        return Response.ok(keys.jwks())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MAX_AGE_SECONDS)
                .build();
    }
}
