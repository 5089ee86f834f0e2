package dev.keycard.auth;

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
 * Sign-in counters, served by MicroProfile Metrics at /metrics in the Prometheus text format
 * ({@code keycard_logins_total{outcome="success"}} and so on). Every label value is registered at
 * start-up, so each series exists from zero and rate() works from the first scrape. Counts are per
 * node; a dashboard sums them over the nodes.
 */
@ApplicationScoped
public class SignInMetrics {

    /** How a login attempt ended. */
    public enum LoginOutcome {
        success,
        bad_credentials,
        locked,
        throttled,
        /** The password matched; the second factor was not given (not a failure). */
        second_factor_required,
        unavailable
    }

    /** How a refresh ended: rotated, or refused for one of the reasons Keycard tells apart. */
    public enum RefreshOutcome {
        success,
        invalid,
        replayed,
        reuse_detected,
        refused
    }

    @Inject
    MetricRegistry registry;

    // Kept from registration: a look-up by name alone would clash with the registered metadata.
    private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);
    private final Map<RefreshOutcome, Counter> refreshes = new EnumMap<>(RefreshOutcome.class);
    private Timer loginDuration;
    private Counter reuse;

    /** At start-up, not at first use: a scrape before the first login must already see the zeros. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Observing is enough: the container creates the bean, and @PostConstruct registers.
    }

    @PostConstruct
    void register() {
        for (LoginOutcome outcome : LoginOutcome.values()) {
            logins.put(outcome, counter("keycard.logins", "Login attempts by outcome", "outcome", outcome.name()));
        }
        loginDuration = registry.timer(Metadata.builder()
                .withName("keycard.login.duration")
                .withDescription("Time to answer a login, whatever the outcome (mostly the password hash)")
                .build());
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            refreshes.put(
                    outcome,
                    counter("keycard.refreshes", "Refresh-token exchanges by outcome", "outcome", outcome.name()));
        }
        reuse = registry.counter(Metadata.builder()
                .withName("keycard.refresh.reuse.detections")
                .withDescription("Spent refresh tokens presented again after the grace period: each revoked a family")
                .build());
    }

    void login(LoginOutcome outcome, Duration took) {
        logins.get(outcome).inc();
        loginDuration.update(took);
    }

    void refresh(RefreshOutcome outcome) {
        refreshes.get(outcome).inc();
        if (outcome == RefreshOutcome.reuse_detected) {
            reuse.inc();
        }
    }

    private Counter counter(String name, String description, String tag, String value) {
        return registry.counter(
                Metadata.builder().withName(name).withDescription(description).build(), new Tag(tag, value));
    }
}
