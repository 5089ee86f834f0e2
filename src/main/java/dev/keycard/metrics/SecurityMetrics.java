package dev.keycard.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Keycard's security counters, served by MicroProfile Metrics at /metrics in the Prometheus text
 * format (keycard_logins_total{outcome="success"} and so on). Every label value is registered at
 * start-up, so each series exists from zero and rate() works from the first scrape. Counts are
 * per node; a dashboard sums them over the nodes.
 */
@ApplicationScoped
public class SecurityMetrics {

    /** How a login attempt ended. */
    public enum LoginOutcome { success, bad_credentials, locked, throttled, invalid_request, unavailable }

    /** How a refresh ended: rotated, or refused for one of the reasons Keycard tells apart. */
    public enum RefreshOutcome { success, invalid, replayed, reuse_detected, refused }

    /** Why Keycard itself refused an access token that passed MicroProfile JWT's checks. */
    public enum Rejection { revoked_token, revoked_session, revoked_user }

    /** What a revocation made on this node covers. */
    public enum RevocationKind { token, session, user }

    private static final String LOGINS = "keycard.logins";
    private static final String LOGIN_DURATION = "keycard.login.duration";
    private static final String REFRESHES = "keycard.refreshes";
    private static final String REUSE = "keycard.refresh.reuse.detections";
    private static final String REVOCATIONS = "keycard.revocations";
    private static final String REJECTED = "keycard.tokens.rejected";

    @Inject
    MetricRegistry registry;

    // Kept from registration: a look-up by name alone would clash with the registered metadata.
    private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);
    private final Map<RefreshOutcome, Counter> refreshes = new EnumMap<>(RefreshOutcome.class);
    private final Map<RevocationKind, Counter> revocations = new EnumMap<>(RevocationKind.class);
    private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);
    private Timer loginDuration;
    private Counter reuse;

    /** At start-up, not at first use: a scrape before the first login must already see the zeros. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Observing is enough: the container creates the bean, and @PostConstruct registers.
    }

    @PostConstruct
    void register() {
        for (LoginOutcome outcome : LoginOutcome.values()) {
            logins.put(outcome, counter(LOGINS, "Login attempts by outcome", "outcome", outcome.name()));
        }
        loginDuration = registry.timer(Metadata.builder().withName(LOGIN_DURATION)
                .withDescription("Time to answer a login, whatever the outcome (mostly the password hash)").build());
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            refreshes.put(outcome, counter(REFRESHES, "Refresh-token exchanges by outcome", "outcome", outcome.name()));
        }
        reuse = registry.counter(Metadata.builder().withName(REUSE)
                .withDescription("Spent refresh tokens presented again after the grace period: each revoked a family").build());
        for (RevocationKind kind : RevocationKind.values()) {
            revocations.put(kind, counter(REVOCATIONS, "Revocations made on this node, by what they cover", "kind", kind.name()));
        }
        for (Rejection reason : Rejection.values()) {
            rejections.put(reason, counter(REJECTED,
                    "Access tokens refused by Keycard after signature and expiry checks, by reason", "reason", reason.name()));
        }
    }

    public void login(LoginOutcome outcome, Duration took) {
        logins.get(outcome).inc();
        loginDuration.update(took);
    }

    public void refresh(RefreshOutcome outcome) {
        refreshes.get(outcome).inc();
        if (outcome == RefreshOutcome.reuse_detected) {
            reuse.inc();
        }
    }

    public void revoked(RevocationKind kind) {
        revocations.get(kind).inc();
    }

    public void rejected(Rejection reason) {
        rejections.get(reason).inc();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build(), new Tag(tag, value));
    }
}
