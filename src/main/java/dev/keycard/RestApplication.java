package dev.keycard;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Keycard's JAX-RS application at the context root, so that {@code /api/...} and
 * {@code /.well-known/jwks.json} are served by the same application and the same security setup.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Keycard",
                        version = "1",
                        description =
                                "JWT authentication: sign-in, rotating refresh tokens, revocation, users, service clients and"
                                        + " signing keys. Errors are RFC 9457 problem+json (the Problem schema); the OAuth endpoints under"
                                        + " /oauth2 answer RFC 6749 error objects."))
@SecurityScheme(
        securitySchemeName = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "An access token from POST /api/auth/login or /oauth2/token, in the Authorization header")
@LoginConfig(authMethod = "MP-JWT", realmName = "keycard")
@DeclareRoles({"user", "admin"})
public class RestApplication extends Application {}
