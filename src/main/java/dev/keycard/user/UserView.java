package dev.keycard.user;

import java.time.Instant;
import java.util.List;

/** A user as the admin API shows it: never the password hash. */
public record UserView(String username, List<String> roles, boolean enabled, Instant created) {

    static UserView of(User user) {
        return new UserView(user.username(), List.copyOf(user.roles()), user.enabled(), user.createdAt());
    }
}
