package dev.keycard.mfa;

import dev.keycard.RoleName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code {"roles": ["admin"]}}: the roles whose users must sign in with a second factor. */
public record PolicyChange(
        @NotNull(message = "is required") @Size(max = 64, message = "must be at most 64 roles")
        List<@NotNull @RoleName String> roles) {}
