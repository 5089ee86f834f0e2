package dev.keycard.user;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_attributes", joinColumns = @JoinColumn(name = "user_id"))
    @MapKeyColumn(name = "attr_name")
    @Column(name = "attr_value")
    private Map<String, String> attributes = new TreeMap<>();

    @Column(name = "failed_logins")
    private int failedLogins;

    @Column(name = "lock_count")
    private int lockCount;

    @Column(name = "locked_until")
    private OffsetDateTime lockedUntil;

    /** The person's stable id in the directory, for a directory user; null for a local account. */
    @Column(name = "directory_id")
    private String directoryId;

    @Column(name = "bind_failures")
    private int bindFailures;

    @Column(name = "bind_failures_since")
    private OffsetDateTime bindFailuresSince;

    /** A directory user's stored "hash": no password verifies against it (the directory checks). */
    static final String NO_LOCAL_PASSWORD = "!directory";

    protected User() {}

    public User(Username username, String passwordHash, Set<String> roles, boolean enabled) {
        this.id = UUID.randomUUID().toString();
        this.username = username.value();
        this.passwordHash = passwordHash;
        this.roles = new TreeSet<>(roles);
        this.enabled = enabled;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * A user from the directory, with the subject {@code id} derived from the directory's id of the
     * person, never from the name.
     */
    public static User fromDirectory(String id, String directoryId, Username username) {
        User user = new User(username, NO_LOCAL_PASSWORD, Set.of(), true);
        user.id = id;
        user.directoryId = directoryId;
        return user;
    }

    public String id() {
        return id;
    }

    /** True for a user whose password, roles and profile come from the directory. */
    public boolean fromDirectory() {
        return directoryId != null;
    }

    public String directoryId() {
        return directoryId;
    }

    /**
     * Takes the name, roles and profile the directory has for the person now; false if nothing
     * changed (then nothing is written).
     */
    public boolean takeFromDirectory(Username name, Set<String> roles, Map<String, String> attributes) {
        if (username.equals(name.value()) && this.roles.equals(roles) && this.attributes.equals(attributes)) {
            return false;
        }
        this.username = name.value();
        setRoles(roles);
        setAttributes(attributes);
        return true;
    }

    /**
     * Gives up the name, which the directory now gives another person: until this person signs in
     * again under their new name, the account goes by a placeholder no one can sign in with.
     */
    public void releaseName() {
        this.username = "~" + id;
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

    public Map<String, String> attributes() {
        return new TreeMap<>(attributes);
    }

    void setAttributes(Map<String, String> attributes) {
        this.attributes = new TreeMap<>(attributes);
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.toInstant().isAfter(now);
    }

    public Instant lockedUntil() {
        return lockedUntil == null ? null : lockedUntil.toInstant();
    }

    /**
     * Admits a login attempt, counting it as a failure in advance (a success clears the count), so
     * that parallel guesses cannot outrun the lock: of any burst, at most {@code threshold} are
     * checked before the account locks. Refused while locked, and once the count is used up.
     */
    public boolean admitAttempt(Instant now, int threshold, Duration first, Duration longest) {
        if (isLocked(now)) {
            return false;
        }
        failedLogins++;
        if (failedLogins > threshold) {
            lock(now, first, longest);
            return false;
        }
        return true;
    }

    /** Takes back the count of an admitted attempt that was never checked. */
    public void attemptNotChecked() {
        if (failedLogins > 0) {
            failedLogins--;
        }
    }

    /**
     * After a failed attempt: the {@code threshold}-th consecutive failure locks the account, for
     * {@code first} doubled at each lock up to {@code longest}. Returns the end of the lock it
     * started, if it started one.
     */
    public Instant failedAttempt(Instant now, int threshold, Duration first, Duration longest) {
        if (isLocked(now) || failedLogins < threshold) {
            return null;
        }
        return lock(now, first, longest);
    }

    private Instant lock(Instant now, Duration first, Duration longest) {
        Duration lock = first.multipliedBy(1L << Math.min(lockCount, 20));
        if (lock.compareTo(longest) > 0) {
            lock = longest;
        }
        failedLogins = 0;
        lockCount++;
        lockedUntil = now.plus(lock).atOffset(ZoneOffset.UTC);
        return lockedUntil.toInstant();
    }

    /** A successful login or an administrator's unlock: the count starts again from nothing. */
    public void clearFailures() {
        failedLogins = 0;
        lockCount = 0;
        lockedUntil = null;
        bindFailures = 0;
        bindFailuresSince = null;
    }

    /**
     * Admits a bind to the directory with this person's password, counting it as wrong in advance
     * (a success clears the count), so that parallel guesses cannot outrun the limit: at most
     * {@code limit} wrong binds since the last success, or within {@code window} of the first of
     * them (zero: no window, only a success or an administrator's unlock starts again). Unlike
     * {@link #admitAttempt}, a Keycard lock ending does not reset it: the directory counts too.
     */
    public boolean admitBind(Instant now, int limit, Duration window) {
        if (bindFailuresSince != null
                && !window.isZero()
                && !bindFailuresSince.toInstant().plus(window).isAfter(now)) {
            bindFailures = 0;
            bindFailuresSince = null;
        }
        if (bindFailures >= limit) {
            return false;
        }
        if (bindFailures == 0) {
            bindFailuresSince = now.atOffset(ZoneOffset.UTC);
        }
        bindFailures++;
        return true;
    }

    /** The directory took the password: its own failure count is reset, so is Keycard's of its binds. */
    public void bindSucceeded() {
        bindFailures = 0;
        bindFailuresSince = null;
    }

    public void rehashed(String hash) {
        this.passwordHash = hash;
    }

    public Set<String> roles() {
        return new TreeSet<>(roles);
    }
}
