package dev.keycard.client;

import dev.keycard.RoleName;
import java.util.Set;

/** {@code PATCH /api/admin/clients/{id}}: {@code enabled} and/or {@code roles}; what is absent stays. */
public record ClientChanges(Boolean enabled, Set<@RoleName String> roles) {}
