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
 * <p>
 * A key can also be revoked at once (a compromised key): it is "revoked" from then on, neither
 * published nor signing, whatever its times say, and if it was signing a new key takes over at
 * once. Private keys are encrypted at rest when the operator sets a key-encryption key
 * ({@link KeyEncryption}); only the signing key is ever decrypted, once per node and key.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    public enum State {
        next,
        active,
        retired,
        removed,
        revoked
    }

    /**
     * One key as the admin API lists it: never private material. {@code encryptedWith} is the id of
     * the key-encryption key that seals it (null: in clear, or a configured key), so that an
     * operator can see when a change of key-encryption key has reached every key.
     */
    public record KeyInfo(
            String kid,
            String algorithm,
            State state,
            Instant created,
            Instant activates,
            Instant retires,
            Instant revoked,
            String encryptedWith) {}

    /** What an administrator's revocation of a key did. */
    public sealed interface Revocation permits Revoked, UnknownKey, ConfiguredKey {}

    /** Revoked now or before ({@code now} false: nothing changed); {@code signingKid} signs from now on. */
    public record Revoked(String kid, boolean now, String signingKid) implements Revocation {}

    public record UnknownKey() implements Revocation {}

    /** The operator's file key: withdrawn by replacing the file, not through the API. */
    public record ConfiguredKey() implements Revocation {}

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
    @ConfigProperty(name = "keycard.keys.encryption-key")
    Optional<String> encryptionKey;

    @Inject
    @ConfigProperty(name = "keycard.keys.encryption-key-previous")
    Optional<String> previousEncryptionKey;

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
    private volatile KeyEncryption encryption = KeyEncryption.none();
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
                    List.of(new KeyInfo(key.kid(), algorithm.name(), State.active, null, null, null, null, null))));
            return;
        }
        encryption = KeyEncryption.of(encryptionKey, previousEncryptionKey);
        if (encryption.enabled()) {
            // Every key not under the current key-encryption key: clear ones (the migration) and those
            // under the previous one (the re-wrap). A key that does not decrypt fails the start here.
            rotation.reseal(encryption, true);
            LOG.info(() -> "Signing keys are encrypted in the database with key-encryption key "
                    + encryption.currentId() + " (keycard.keys.encryption-key)");
        } else {
            LOG.warning("Signing keys are stored in the database IN CLEAR: whoever reads the database or a backup"
                    + " of it can sign tokens. Set keycard.keys.encryption-key (KEYCARD_KEYS_ENCRYPTION_KEY, 32"
                    + " random bytes in base64) to encrypt them; see docs/keys.md.");
        }
        rotation.ensureKey(algorithm, encryption);
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
        String kid = rotation.add(algorithm(), Instant.now().plus(publishAhead), encryption);
        refresh();
        audit.record(AuditType.KEY_ROTATED, byUsername, bySubject, "new key " + kid);
        return Optional.of(kid);
    }

    /**
     * Revokes a key now, on an administrator's request (a compromised key). This node stops
     * publishing, trusting and signing with it before answering; the others at their next refresh,
     * within {@code keycard.keys.refresh-interval}. Revoking a revoked key changes nothing.
     */
    public Revocation revoke(String kid, String byUsername, String bySubject) {
        if (kid.length() > 64) {
            return new UnknownKey(); // no kid is that long (a thumbprint is 43 characters)
        }
        if (configured()) {
            return kid.equals(current.active().kid()) ? new ConfiguredKey() : new UnknownKey();
        }
        if (!(rotation.revoke(kid, algorithm(), encryption) instanceof KeyRotation.Revoked revoked)) {
            return new UnknownKey();
        }
        refresh();
        String signing = active().kid();
        if (revoked.now()) {
            audit.record(
                    AuditType.KEY_REVOKED,
                    byUsername,
                    bySubject,
                    "key " + kid + " revoked" + (revoked.successor() == null ? "" : "; new key " + signing + " signs"));
        }
        return new Revoked(kid, revoked.now(), signing);
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
                rotation.addIfNoneWaiting(algorithm(), now.plus(publishAhead), now, encryption);
            }
            refresh();
        } catch (KeyEncryption.Refused e) {
            // A new key under a key-encryption key this node lacks (a change of KEK half rolled
            // out): keep what we have and say which setting to fix. The message names no key.
            LOG.warning("Could not refresh the signing keys: " + e.getMessage());
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
        if (encryption.enabled() && stored.stream().anyMatch(k -> k.kekId() == null)) {
            // A key in clear appeared while running (written by a node without the key-encryption
            // key): encrypt it now rather than at this node's next start.
            rotation.reseal(encryption, false);
            stored = repository.all(algorithm);
        }
        StoredSigningKey signing = null;
        for (StoredSigningKey key : stored) {
            if (!key.revoked() && !key.activatesAt().isAfter(now)) {
                signing = key;
            }
        }
        if (signing == null) {
            throw new IllegalStateException("No " + algorithm + " signing key is active yet");
        }
        KeySet before = current;
        SigningKey active = before != null
                        && before.active() != null
                        && before.active().kid().equals(signing.kid())
                ? before.active() // decrypted once per key and node
                : signing.toSigningKey(encryption);
        List<KeyInfo> infos = new ArrayList<>();
        List<SigningKey> published = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            StoredSigningKey key = stored.get(i);
            Instant retires = key.revoked() ? null : successorActivation(stored, i);
            State state;
            if (key.revoked()) {
                state = State.revoked;
            } else if (key.activatesAt().isAfter(now)) {
                state = State.next;
            } else if (key == signing) {
                state = State.active;
            } else if (retires != null && retires.plus(retirement).isAfter(now)) {
                state = State.retired;
            } else {
                state = State.removed;
            }
            infos.add(new KeyInfo(
                    key.kid(),
                    algorithm.name(),
                    state,
                    key.createdAt(),
                    key.activatesAt(),
                    retires,
                    key.revokedAt(),
                    key.kekId()));
            if (state == State.active) {
                published.add(active);
            } else if (state == State.next || state == State.retired) {
                published.add(key.publicOnly());
            }
        }
        String jwks = jwks(published);
        if (before != null && before.jwks().equals(jwks)) {
            jwks = before.jwks(); // unchanged: the same string, so that verifiers keep their parsed keys
        }
        use(new KeySet(active, jwks, List.copyOf(infos)));
    }

    /**
     * When the key at {@code index} stopped (or will stop) signing: when the next key took over. A
     * key revoked before it ever signed took nothing over; one revoked after it activated did, and
     * the key before it stays retired (or removed) as it was.
     */
    private static Instant successorActivation(List<StoredSigningKey> stored, int index) {
        for (StoredSigningKey later : stored.subList(index + 1, stored.size())) {
            if (!later.revoked() || !later.revokedAt().isBefore(later.activatesAt())) {
                return later.activatesAt();
            }
        }
        return null;
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
