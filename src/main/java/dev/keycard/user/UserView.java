package dev.keycard.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as the admin API shows it: never the password hash. {@code source} is {@code local} or
 * {@code directory} (password, roles and profile kept by the directory).
 */
public record UserView(
        String username,
        String source,
        List<String> roles,
        boolean enabled,
        Instant created,
        Instant lockedUntil,
        Map<String, String> attributes) {

    static UserView of(User user) {
        Instant now = Instant.now();
        return new UserView(
                user.username(),
                user.fromDirectory() ? "directory" : "local",
                List.copyOf(user.roles()),
                user.enabled(),
                user.createdAt(),
                user.isLocked(now) ? user.lockedUntil() : null,
                user.attributes());
    }
}
