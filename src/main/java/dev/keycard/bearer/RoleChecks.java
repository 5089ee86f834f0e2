package dev.keycard.bearer;

import io.smallrye.jwt.auth.jaxrs.JWTAuthorizationFilterRegistrar;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on Keycard's resources, enforced
 * by SmallRye JWT's authorization filters against the caller {@link BearerAuthentication} set: 401
 * without a token, 403 without the role (both become problem+json in ProblemMapper). Registered
 * here because its own feature would also install SmallRye's authentication filter, which answers
 * an empty 401 for every kind of bad token and a 500 for a token whose key is unknown.
 */
@Provider
public class RoleChecks extends JWTAuthorizationFilterRegistrar {}
