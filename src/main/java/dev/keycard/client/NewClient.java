package dev.keycard.client;

import dev.keycard.RoleName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Set;

/** {@code {"client_id": "billing", "roles": ["user"]}}; without roles the client has none. */
public record NewClient(
        @NotNull(message = "is required")
        @Pattern(
                regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_' or '-', starting with a letter or digit")
        String clientId,

        Set<@RoleName String> roles) {

    public NewClient {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
