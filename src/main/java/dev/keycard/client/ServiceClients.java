package dev.keycard.client;

import dev.keycard.RandomToken;
import dev.keycard.RecentCopies;
import dev.keycard.Sha256;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.problem.JsonRequestBody;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registered clients: services and applications. A secret is 256 random bits, returned once when it is made and
 * stored only as its SHA-256 hash: a hash of that much randomness cannot be reversed, so no slow
 * password hash is needed, and checking a client costs microseconds.
 */
@ApplicationScoped
public class ServiceClients {

    private static final Pattern PRINTABLE_ID = Pattern.compile("[\\x21-\\x7e]{1,64}");

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Validator validator;

    /**
     * How long a node checks requests against its copy of a client: a change made on another node
     * (a new secret, disabled, deleted) applies there within this time, on this node at once.
     */
    @Inject
    @ConfigProperty(name = "keycard.cache-ttl")
    Duration cacheTtl;

    /**
     * Registered clients as last read, for checking requests: introspection, the token endpoint and
     * authorization ask for the client on every request, and its row changes rarely.
     */
    private final RecentCopies<ServiceClient> recent = new RecentCopies<>(10_000);

    /** A client and its secret, which exists only in this object and the response that shows it. */
    public record Registered(ServiceClient client, String secret) {}

    public List<ServiceClient> all() {
        return em.createQuery("SELECT c FROM ServiceClient c ORDER BY c.clientId", ServiceClient.class)
                .getResultList();
    }

    /** Empty for an id no client can have (a NUL byte would otherwise reach the database). */
    public Optional<ServiceClient> find(String clientId) {
        if (clientId == null || !PRINTABLE_ID.matcher(clientId).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(ServiceClient.class, clientId));
    }

    /**
     * The client for checking a request, as read at most {@code keycard.cache-ttl} ago;
     * never for changing it ({@link #find} reads the row).
     */
    public Optional<ServiceClient> known(String clientId) {
        return recent.get(clientId, cacheTtl, this::find);
    }

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Called by every change to a client, in its transaction, so that this node sees it at once. */
    private void forget(String clientId) {
        recent.forgetOnceCommitted(clientId, transactions);
    }

    /** Empty if the id is taken. A public client gets no secret. */
    @Transactional
    public Optional<Registered> register(NewClient registration) {
        if (find(registration.clientId()).isPresent()) {
            return Optional.empty();
        }
        String secret = ClientMetadata.NONE.equals(registration.tokenEndpointAuthMethod()) ? null : newSecret();
        ServiceClient client = new ServiceClient(registration, secret == null ? null : hash(secret));
        em.persist(client);
        forget(client.clientId());
        audit.record(
                AuditType.CLIENT_CREATED,
                null,
                client.clientId(),
                "grant types " + client.grantTypes() + ", roles " + client.roles());
        return Optional.of(new Registered(client, secret));
    }

    @Transactional
    public Optional<Registered> rotateSecret(String clientId) {
        return find(clientId).filter(client -> !client.isPublic()).map(client -> {
            String secret = newSecret();
            client.setSecretHash(hash(secret));
            forget(clientId);
            audit.record(AuditType.CLIENT_UPDATED, null, clientId, "secret rotated");
            return new Registered(client, secret);
        });
    }

    /** What a change to a client came to. */
    public sealed interface Change permits Changed, Contradictory {}

    public record Changed(ServiceClient client) implements Change {}

    /** The client as changed would break the rules of a registration: nothing was changed. */
    public record Contradictory(Set<ConstraintViolation<NewClient>> violations) implements Change {}

    /**
     * The change, if there is such a client. The client as it would be is first held to the rules
     * of a registration ({@link NewClient}), so a change is applied whole or not at all.
     */
    @Transactional
    public Optional<Change> update(String clientId, ClientChanges changes) {
        return find(clientId).map(client -> {
            Set<ConstraintViolation<NewClient>> broken = validator.validate(client.registrationWith(changes));
            if (!broken.isEmpty()) {
                return new Contradictory(broken);
            }
            client.apply(changes);
            forget(clientId);
            audit.record(AuditType.CLIENT_UPDATED, null, clientId, changed(changes));
            return new Changed(client);
        });
    }

    /** The names of the fields a change set, for the audit line (values may be long; the client shows them). */
    private static String changed(ClientChanges changes) {
        StringBuilder fields = new StringBuilder();
        for (RecordComponent component : ClientChanges.class.getRecordComponents()) {
            try {
                if (component.getAccessor().invoke(changes) != null) {
                    fields.append(fields.length() == 0 ? "changed " : ", ")
                            .append(JsonRequestBody.snakeCase(component.getName()));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return fields.toString();
    }

    @Transactional
    public boolean delete(String clientId) {
        return find(clientId)
                .map(client -> {
                    em.remove(client);
                    forget(clientId);
                    audit.record(AuditType.CLIENT_DELETED, null, clientId, null);
                    return true;
                })
                .orElse(false);
    }

    /** The enabled client with this id and secret; constant-time on the secret. */
    public Optional<ServiceClient> authenticate(String clientId, String secret) {
        if (clientId == null || secret == null || clientId.length() > 64 || secret.length() > 256) {
            return Optional.empty();
        }
        Optional<ServiceClient> client = known(clientId);
        byte[] expected = client.map(ServiceClient::secretHash).orElse("-").getBytes(StandardCharsets.US_ASCII);
        boolean matches = MessageDigest.isEqual(expected, hash(secret).getBytes(StandardCharsets.US_ASCII));
        return client.filter(c -> matches && c.enabled());
    }

    private String newSecret() {
        return RandomToken.next();
    }

    static String hash(String secret) {
        return Sha256.base64url(secret);
    }
}
