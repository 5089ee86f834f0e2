package dev.keycard.user;

import dev.keycard.RoleName;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /api/admin/users/{username}}: any of {@code enabled}, {@code roles} and
 * {@code attributes}; what is absent (or null) stays as it is.
 */
public record UserChanges(
        Boolean enabled,
        Set<@RoleName String> roles,
        @UserAttributes Map<String, String> attributes) {}
