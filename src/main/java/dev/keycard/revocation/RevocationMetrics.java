package dev.keycard.revocation;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Revocation counters at /metrics: {@code keycard_revocations_total{kind}} (made on this node) and
 * {@code keycard_tokens_rejected_total{reason}} (access tokens refused: here those revoked; the
 * bearer check adds its own reasons through {@link #rejections}). Every label value is registered at
 * start-up, so each series exists from zero.
 */
@ApplicationScoped
public class RevocationMetrics {

    private static final String REJECTED = "keycard.tokens.rejected";
    private static final String REJECTED_DESCRIPTION = "Access tokens refused by Keycard, by reason";

    @Inject
    MetricRegistry registry;

    private final Map<Revocation.Kind, Counter> revocations = new EnumMap<>(Revocation.Kind.class);
    private final Map<Revocation.Kind, Counter> rejections = new EnumMap<>(Revocation.Kind.class);

    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Observing is enough: the container creates the bean, and @PostConstruct registers.
    }

    @PostConstruct
    void register() {
        for (Revocation.Kind kind : Revocation.Kind.values()) {
            revocations.put(
                    kind,
                    counter(
                            "keycard.revocations",
                            "Revocations made on this node, by what they cover",
                            "kind",
                            switch (kind) {
                                case jti -> "token";
                                case sid -> "session";
                                case user -> "user";
                            }));
            rejections.put(
                    kind,
                    counter(
                            REJECTED,
                            REJECTED_DESCRIPTION,
                            "reason",
                            switch (kind) {
                                case jti -> "revoked_token";
                                case sid -> "revoked_session";
                                case user -> "revoked_user";
                            }));
        }
    }

    void revoked(Revocation.Kind kind) {
        revocations.get(kind).inc();
    }

    void rejected(Revocation.Kind kind) {
        rejections.get(kind).inc();
    }

    /** The series of {@code keycard_tokens_rejected_total} for a reason other than revocation. */
    public Counter rejections(String reason) {
        return counter(REJECTED, REJECTED_DESCRIPTION, "reason", reason);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return registry.counter(
                Metadata.builder().withName(name).withDescription(description).build(), new Tag(tag, value));
    }
}
