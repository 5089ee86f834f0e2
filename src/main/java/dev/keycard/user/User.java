package dev.keycard.user;

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
import java.util.UUID;

/** An account. {@code id} is the token subject: stable, unlike the username, and reveals nothing. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private String id;

    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    private boolean enabled;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    private Set<String> roles = new TreeSet<>();

    protected User() {
    }

    public User(Username username, String passwordHash, Set<String> roles, boolean enabled) {
        this.id = UUID.randomUUID().toString();
        this.username = username.value();
        this.passwordHash = passwordHash;
        this.roles = new TreeSet<>(roles);
        this.enabled = enabled;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    void changePassword(String hash) {
        this.passwordHash = hash;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void setRoles(Set<String> roles) {
        this.roles = new TreeSet<>(roles);
    }

    public Set<String> roles() {
        return new TreeSet<>(roles);
    }
}
