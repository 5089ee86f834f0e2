package dev.keycard.oidc;

import dev.keycard.RoleName;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The claims about the user that granted scopes release (OpenID Connect Core 1.0 §5.4), read as
 * they are now: at the userinfo endpoint, and in ID tokens. {@code profile} gives
 * {@code preferred_username} and, for a directory user, {@code name}; {@code email} gives a directory
 * user's {@code email} (without {@code email_verified}: Keycard does not verify addresses);
 * {@code roles} gives {@code groups}, MicroProfile JWT's name for roles. A local account's
 * attributes never carry {@code name} or {@code email}: they are reserved claim names.
 */
@ApplicationScoped
public class Userinfo {

    @Inject
    UserRepository users;

    /**
     * @param roles the roles the token carries: the user's, or only the enrolment role when the
     *     sign-in lacked a second factor the policy requires (never more than the access token has)
     */
    static Map<String, Object> released(User user, Set<String> roles, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        Map<String, String> attributes = user.attributes();
        if (scopes.contains("profile")) {
            claims.put("preferred_username", user.username());
            if (user.fromDirectory() && attributes.containsKey("name")) {
                claims.put("name", attributes.get("name"));
            }
        }
        if (scopes.contains("email") && user.fromDirectory() && attributes.containsKey("email")) {
            claims.put("email", attributes.get("email"));
        }
        if (scopes.contains("roles")) {
            claims.put("groups", roles.stream().sorted().toList());
        }
        return claims;
    }

    /**
     * {@code sub} and the scopes' claims; empty if the user no longer exists or is disabled. A token
     * that may only enrol a second factor releases that role alone, as it carries.
     */
    public Optional<Map<String, Object>> claims(String subject, Set<String> scopes, Set<String> tokenRoles) {
        return users.findRecent(subject).filter(User::enabled).map(user -> {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", user.id());
            Set<String> roles = tokenRoles.contains(RoleName.ENROLMENT) ? Set.of(RoleName.ENROLMENT) : user.roles();
            claims.putAll(released(user, roles, scopes));
            return claims;
        });
    }
}
