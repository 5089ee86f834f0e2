package dev.keycard.client;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

/** A machine-to-machine client. Its token's subject is the client id; its roles are the token's groups. */
@Entity
@Table(name = "service_clients")
public class ServiceClient {

    @Id
    @Column(name = "client_id")
    private String clientId;

    @Column(name = "secret_hash")
    private String secretHash;

    private boolean enabled;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "service_client_roles", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "role")
    private Set<String> roles = new TreeSet<>();

    protected ServiceClient() {}

    ServiceClient(String clientId, String secretHash, Set<String> roles) {
        this.clientId = clientId;
        this.secretHash = secretHash;
        this.roles = new TreeSet<>(roles);
        this.enabled = true;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public String clientId() {
        return clientId;
    }

    String secretHash() {
        return secretHash;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public Set<String> roles() {
        return new TreeSet<>(roles);
    }

    void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void setRoles(Set<String> roles) {
        this.roles = new TreeSet<>(roles);
    }
}
