package dev.keycard.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A user as the admin API shows it: never the password hash. */
public record UserView(
        String username,
        List<String> roles,
        boolean enabled,
        Instant created,
        Instant lockedUntil,
        Map<String, String> attributes) {

    static UserView of(User user) {
        Instant now = Instant.now();
        return new UserView(
                user.username(),
                List.copyOf(user.roles()),
                user.enabled(),
                user.createdAt(),
                user.isLocked(now) ? user.lockedUntil() : null,
                user.attributes());
    }
}
