package dev.keycard;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Keycard's JAX-RS application at the context root, so that {@code /api/...} and
 * {@code /.well-known/jwks.json} are served by the same application and the same security setup.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "keycard")
@DeclareRoles({"user", "admin"})
public class RestApplication extends Application {
}
