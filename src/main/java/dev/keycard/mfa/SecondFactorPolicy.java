package dev.keycard.mfa;

import dev.keycard.RoleName;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.token.Amr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which roles must sign in with a second factor: those of {@code keycard.mfa.required-roles} (an
 * operator's floor no administrator can lower) and those an administrator switched on. A user with
 * such a role who signed in without a second factor gets tokens with one role only,
 * {@link #ENROLMENT_ROLE}: enough to enrol a factor, nothing else. Read at every token issued (sign-in,
 * refresh, code exchange), so a switch reaches existing sessions at their next refresh.
 */
@ApplicationScoped
public class SecondFactorPolicy {

    /** The one role of a token that may only enrol a second factor. */
    public static final String ENROLMENT_ROLE = RoleName.ENROLMENT;

    /**
     * How long a node trusts what it read of the administrator's switch: tokens are issued on the
     * hot paths, and a switch may take this long to reach every node.
     */
    static final Duration CACHED = Duration.ofSeconds(5);

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "keycard.mfa.required-roles")
    Optional<String> configured;

    private volatile Snapshot snapshot;

    private record Snapshot(Set<String> switchedOn, Instant readAt) {}

    /** What an administrator sees: the roles they switched on, and those the setting requires. */
    public record Roles(Set<String> switchedOn, Set<String> configured) {}

    public Roles roles() {
        return new Roles(switchedOn(), configuredRoles());
    }

    /** Whether a user with these roles must sign in with a second factor. */
    public boolean requires(Collection<String> roles) {
        Set<String> configuredRoles = configuredRoles();
        Set<String> switchedOn = switchedOn();
        return roles.stream().anyMatch(role -> configuredRoles.contains(role) || switchedOn.contains(role));
    }

    /** The roles a token of a sign-in made with {@code amr} may carry. */
    public Set<String> rolesFor(Set<String> roles, Amr amr) {
        return !amr.multiFactor() && requires(roles) ? Set.of(ENROLMENT_ROLE) : roles;
    }

    /** Replaces the administrator's switch; audited with who changed it. */
    @Transactional
    public void switchOn(Set<String> roles, String by) {
        em.createNativeQuery("DELETE FROM second_factor_roles").executeUpdate();
        Instant now = Instant.now();
        for (String role : new TreeSet<>(roles)) {
            em.createNativeQuery("INSERT INTO second_factor_roles (role, changed_at) VALUES (?, ?)")
                    .setParameter(1, role)
                    .setParameter(2, now.atOffset(ZoneOffset.UTC))
                    .executeUpdate();
        }
        audit.record(
                AuditType.SECOND_FACTOR_POLICY_CHANGED, null, null, "by " + by + ", roles " + new TreeSet<>(roles));
        snapshot = null;
    }

    private Set<String> switchedOn() {
        Snapshot read = snapshot;
        Instant now = Instant.now();
        if (read == null || read.readAt().plus(CACHED).isBefore(now)) {
            @SuppressWarnings("unchecked")
            Set<String> roles = Set.copyOf(
                    em.createNativeQuery("SELECT role FROM second_factor_roles").getResultList());
            read = new Snapshot(roles, now);
            snapshot = read;
        }
        return read.switchedOn();
    }

    private Set<String> configuredRoles() {
        return configured
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(role -> !role.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
