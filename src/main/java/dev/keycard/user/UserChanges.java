package dev.keycard.user;

import dev.keycard.RoleName;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PATCH /api/admin/users/{username}}: any of {@code enabled}, {@code roles} and
 * {@code attributes}; what is absent (or null) stays as it is.
 */
public record UserChanges(
        Boolean enabled,
        Set<@RoleName String> roles,

        @UserAttributes @Schema(description = UserAttributes.RULES)
        Map<String, String> attributes) {}
