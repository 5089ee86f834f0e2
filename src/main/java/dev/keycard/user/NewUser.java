package dev.keycard.user;

import dev.keycard.RoleName;
import dev.keycard.password.AcceptablePassword;
import dev.keycard.problem.PlainText;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code {"username", "password", "roles": [...], "enabled": true, "attributes": {...}}}. Without
 * roles the user gets {@code user}; without {@code enabled}, true.
 */
public record NewUser(
        @NotNull(message = "is required") @ValidUsername @Schema(description = Username.RULE)
        String username,

        @NotNull(message = "is required") @PlainText @AcceptablePassword @Schema(description = AcceptablePassword.RULES)
        String password,

        @Schema(description = "default: user") Set<@RoleName String> roles,
        @Schema(description = "default: true") Boolean enabled,

        @UserAttributes @Schema(description = UserAttributes.RULES)
        Map<String, String> attributes) {

    public NewUser {
        roles = roles == null ? Set.of("user") : Set.copyOf(roles);
        enabled = enabled == null || enabled;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    Username name() {
        return Username.local(username).orElseThrow();
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", roles=" + roles + "]";
    }
}
