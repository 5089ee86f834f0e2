package dev.keycard.client;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Registered service clients. A secret is 256 random bits, returned once when it is made and
 * stored only as its SHA-256 hash: a hash of that much randomness cannot be reversed, so no slow
 * password hash is needed, and checking a client costs microseconds.
 */
@ApplicationScoped
public class ServiceClients {

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** A client and its secret, which exists only in this object and the response that shows it. */
    public record Registered(ServiceClient client, String secret) {}

    public List<ServiceClient> all() {
        return em.createQuery("SELECT c FROM ServiceClient c ORDER BY c.clientId", ServiceClient.class)
                .getResultList();
    }

    public Optional<ServiceClient> find(String clientId) {
        return Optional.ofNullable(em.find(ServiceClient.class, clientId));
    }

    /** Empty if the id is taken. */
    @Transactional
    public Optional<Registered> register(String clientId, Set<String> roles) {
        if (find(clientId).isPresent()) {
            return Optional.empty();
        }
        String secret = newSecret();
        ServiceClient client = new ServiceClient(clientId, hash(secret), roles);
        em.persist(client);
        audit.record(AuditType.CLIENT_CREATED, null, clientId, "roles " + client.roles());
        return Optional.of(new Registered(client, secret));
    }

    @Transactional
    public Optional<Registered> rotateSecret(String clientId) {
        return find(clientId).map(client -> {
            String secret = newSecret();
            client.setSecretHash(hash(secret));
            audit.record(AuditType.CLIENT_UPDATED, null, clientId, "secret rotated");
            return new Registered(client, secret);
        });
    }

    @Transactional
    public Optional<ServiceClient> update(String clientId, Boolean enabled, Set<String> roles) {
        return find(clientId).map(client -> {
            if (enabled != null) {
                client.setEnabled(enabled);
            }
            if (roles != null) {
                client.setRoles(roles);
            }
            audit.record(
                    AuditType.CLIENT_UPDATED,
                    null,
                    clientId,
                    (enabled == null ? "" : "enabled " + enabled + " ") + (roles == null ? "" : "roles " + roles));
            return client;
        });
    }

    @Transactional
    public boolean delete(String clientId) {
        return find(clientId)
                .map(client -> {
                    em.remove(client);
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
        Optional<ServiceClient> client = find(clientId);
        byte[] expected = client.map(ServiceClient::secretHash).orElse("-").getBytes(StandardCharsets.US_ASCII);
        boolean matches = MessageDigest.isEqual(expected, hash(secret).getBytes(StandardCharsets.US_ASCII));
        return client.filter(c -> matches && c.enabled());
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
