package dev.keycard.keys;

import dev.keycard.JsonFormat;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key Keycard signs with and the keys it publishes.
 * <p>
 * A key supplied by the operator ({@code keycard.keys.location}) is used as it is, without rotation.
 * Otherwise keys are generated and kept in the database, so that restarts keep issued tokens valid
 * and every node signs with the same key, and they rotate without downtime: a new key is
 * published ("next") {@code keycard.keys.publish-ahead} before it signs, so that every verifier's
 * cached JWKS knows it first; it is "active" until the next key activates; it stays published
 * ("retired") for {@code keycard.keys.retire-after} (by default the access-token lifetime plus five
 * minutes), until every token it signed has expired; then it is "removed". States follow from
 * each key's times, so all nodes agree without coordination; each node re-reads the keys every
 * {@code keycard.keys.refresh-interval}.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    public enum State {
        next,
        active,
        retired,
        removed
    }

    /** One key as the admin API lists it: never private material. */
    public record KeyInfo(
            String kid, String algorithm, State state, Instant created, Instant activates, Instant retires) {}

    private record KeySet(SigningKey active, String jwks, List<KeyInfo> infos) {}

    @Inject
    @ConfigProperty(name = "keycard.token.algorithm")
    String algorithmName;

    @Inject
    @ConfigProperty(name = "keycard.keys.location")
    Optional<String> location;

    @Inject
    @ConfigProperty(name = "keycard.keys.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "keycard.keys.alias")
    Optional<String> alias;

    @Inject
    @ConfigProperty(name = "keycard.keys.rotation-period")
    Duration rotationPeriod;

    @Inject
    @ConfigProperty(name = "keycard.keys.publish-ahead")
    Duration publishAhead;

    @Inject
    @ConfigProperty(name = "keycard.keys.retire-after")
    Optional<Duration> retireAfter;

    @Inject
    @ConfigProperty(name = "keycard.keys.refresh-interval")
    Duration refreshInterval;

    @Inject
    @ConfigProperty(name = "keycard.token.access-ttl")
    Duration accessTtl;

    @Inject
    SigningKeyRepository repository;

    @Inject
    KeyRotation rotation;

    @Inject
    AuditLog audit;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile KeySet current;
    private ScheduledFuture<?> refreshing;

    /** Called once at start-up, after the schema migration. */
    public void load() {
        SigningAlgorithm algorithm = algorithm();
        if (configured()) {
            SigningKey key =
                    KeyFiles.load(Path.of(location.get()), password.orElse(null), alias.orElse(null), algorithm);
            LOG.info(() -> "Signing with the " + algorithm + " key from keycard.keys.location, kid " + key.kid());
            use(new KeySet(
                    key,
                    jwks(List.of(key)),
                    List.of(new KeyInfo(key.kid(), algorithm.name(), State.active, null, null, null))));
            return;
        }
        rotation.ensureKey(algorithm);
        refresh();
        refreshing = scheduler.scheduleWithFixedDelay(
                this::refreshQuietly, refreshInterval.toMillis(), refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
    }

    public boolean configured() {
        return location.isPresent() && !location.get().isBlank();
    }

    /**
     * Starts a rotation now, on an administrator's request: a new key, published at once and
     * signing after the publish-ahead time. Its kid, or empty if the key is the operator's file,
     * which rotates by replacing the file.
     */
    public Optional<String> rotate(String byUsername, String bySubject) {
        if (configured()) {
            return Optional.empty();
        }
        String kid = rotation.add(algorithm(), Instant.now().plus(publishAhead));
        refresh();
        audit.record(AuditType.KEY_ROTATED, byUsername, bySubject, "new key " + kid);
        return Optional.of(kid);
    }

    /** Whether a key to sign with is loaded: false only before start-up has finished. */
    public boolean loaded() {
        return current != null;
    }

    public SigningKey active() {
        KeySet keys = current;
        if (keys == null) {
            throw new IllegalStateException("Signing keys are not loaded yet");
        }
        return keys.active();
    }

    /**
     * The public JWK Set, as served at /.well-known/jwks.json and trusted by Keycard's own bearer
     * check. The same string instance until the key set changes, so that a verifier can tell a change
     * by identity.
     */
    public String jwks() {
        return current.jwks();
    }

    public List<KeyInfo> list() {
        return current.infos();
    }

    private void refreshQuietly() {
        try {
            Instant now = Instant.now();
            if (rotationDue(current.infos(), rotationPeriod, now)) {
                rotation.addIfNoneWaiting(algorithm(), now.plus(publishAhead), now);
            }
            refresh();
        } catch (RuntimeException e) {
            // Database away: keep signing and publishing what we have, and try again later.
            LOG.log(
                    Level.WARNING,
                    "Could not refresh the signing keys: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Whether a scheduled rotation is due: the active key has signed for a whole rotation period
     * and no next key is waiting yet.
     */
    static boolean rotationDue(List<KeyInfo> keys, Duration period, Instant now) {
        boolean waiting = keys.stream().anyMatch(k -> k.state() == State.next);
        return !waiting
                && keys.stream()
                        .anyMatch(k -> k.state() == State.active
                                && k.activates() != null
                                && !k.activates().plus(period).isAfter(now));
    }

    /** Reads the keys and works out each one's state at this moment. */
    void refresh() {
        SigningAlgorithm algorithm = algorithm();
        Instant now = Instant.now();
        Duration retirement = retireAfter.orElse(accessTtl.plus(Duration.ofMinutes(5)));
        List<StoredSigningKey> stored = repository.all(algorithm);
        StoredSigningKey signing = null;
        for (StoredSigningKey key : stored) {
            if (!key.activatesAt().isAfter(now)) {
                signing = key;
            }
        }
        if (signing == null) {
            throw new IllegalStateException("No " + algorithm + " signing key is active yet");
        }
        List<KeyInfo> infos = new ArrayList<>();
        List<SigningKey> published = new ArrayList<>();
        SigningKey active = null;
        for (int i = 0; i < stored.size(); i++) {
            StoredSigningKey key = stored.get(i);
            Instant retires = i + 1 < stored.size() ? stored.get(i + 1).activatesAt() : null;
            State state;
            if (key.activatesAt().isAfter(now)) {
                state = State.next;
            } else if (key == signing) {
                state = State.active;
            } else if (retires != null && retires.plus(retirement).isAfter(now)) {
                state = State.retired;
            } else {
                state = State.removed;
            }
            infos.add(new KeyInfo(key.kid(), algorithm.name(), state, key.createdAt(), key.activatesAt(), retires));
            if (state != State.removed) {
                SigningKey usable = key.toSigningKey();
                published.add(usable);
                if (state == State.active) {
                    active = usable;
                }
            }
        }
        String jwks = jwks(published);
        KeySet before = current;
        if (before != null && before.jwks().equals(jwks)) {
            jwks = before.jwks(); // unchanged: the same string, so that verifiers keep their parsed keys
        }
        use(new KeySet(active, jwks, List.copyOf(infos)));
    }

    private void use(KeySet keys) {
        current = keys;
    }

    private static String jwks(List<SigningKey> keys) {
        JsonArrayBuilder array = JsonFormat.array();
        keys.forEach(key -> array.add(key.toJwk()));
        return JsonFormat.object().add("keys", array).build().toString();
    }

    private SigningAlgorithm algorithm() {
        return SigningAlgorithm.parse(algorithmName);
    }
}
