package dev.keycard.user;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.directory.Directory;
import dev.keycard.directory.DirectoryEntry;
import dev.keycard.directory.DirectoryUnavailable;
import dev.keycard.token.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * The Keycard account of each directory person: made the first time the directory recognises a
 * name at sign-in (where the failed-login count must live from the first wrong password on, so
 * that guesses stop here instead of locking the person out of the directory), and brought up to
 * date with the directory's name, roles and profile at every sign-in and refresh.
 */
@ApplicationScoped
public class DirectoryAccounts {

    @Inject
    Directory directory;

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Inject
    Sessions sessions;

    /**
     * What the directory says of a user now, asked before a refresh: outside any transaction.
     * Only asked while a directory is configured; a directory user refreshing without one is
     * refused by the refresh.
     */
    public sealed interface Standing {
        /** A local account or no account, or not asked (no directory configured). */
        record Local() implements Standing {}

        /** In the directory and not disabled: the entry as it is now. */
        record Current(DirectoryEntry entry) implements Standing {}

        /** Removed, moved out of the user base, disabled or locked in the directory. */
        record Gone(String why) implements Standing {}
    }

    public boolean enabled() {
        return directory.enabled();
    }

    /**
     * Asks the directory about the user, by their stable id; a local user is not asked about.
     * Throws {@link DirectoryUnavailable} when the directory does not answer.
     */
    public Standing standing(String userId) {
        Optional<User> user = users.findById(userId).filter(User::fromDirectory);
        if (user.isEmpty()) {
            return new Standing.Local();
        }
        Optional<DirectoryEntry> entry = directory.findById(user.get().directoryId());
        if (entry.isEmpty()) {
            return new Standing.Gone("no longer in the directory");
        }
        if (entry.get().disabled() || entry.get().locked()) {
            return new Standing.Gone(entry.get().disabled() ? "disabled in the directory" : "locked in the directory");
        }
        return new Standing.Current(entry.get());
    }

    /**
     * The Keycard user for the person, made or brought up to date; empty if their name belongs to a
     * local account (a name is held by one store only: docs/directory.md) or is not one Keycard can
     * hold.
     */
    @Transactional
    public Optional<User> link(DirectoryEntry entry) {
        Optional<Username> parsed = Username.parse(entry.name());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Username name = parsed.get();
        Optional<User> holder = users.find(name);
        Optional<User> linked = users.findByDirectoryId(entry.id());
        if (holder.isPresent() && !holder.get().fromDirectory()) {
            return Optional.empty();
        }
        if (holder.isPresent() && !holder.equals(linked)) {
            // The directory gave the name to another person (a rename, then a new person under the
            // old name): the previous holder keeps their account and subject under a placeholder.
            holder.get().releaseName();
            users.flush();
        }
        if (linked.isPresent()) {
            update(linked.get(), entry);
            return linked;
        }
        User user = User.fromDirectory(subject(entry.id()), entry.id(), name);
        user.takeFromDirectory(name, entry.roles(), entry.profile());
        users.add(user);
        audit.record(AuditType.USER_CREATED, user.username(), user.id(), "from the directory, roles " + user.roles());
        return Optional.of(user);
    }

    /** Takes the directory's name, roles and profile for the user; audited when they changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public User update(User user, DirectoryEntry entry) {
        Username name = Username.parse(entry.name()).orElse(new Username(user.username()));
        Optional<User> holder = users.find(name);
        if (holder.isPresent() && !holder.get().id().equals(user.id())) {
            if (!holder.get().fromDirectory()) {
                // Renamed in the directory to a name a local account has: keeps the old name.
                name = new Username(user.username());
            } else {
                holder.get().releaseName();
                users.flush();
            }
        }
        String before = user.username() + " " + user.roles();
        if (user.takeFromDirectory(name, entry.roles(), entry.profile())) {
            users.forget(user.id());
            // Written now, so that a name taken meanwhile fails here, not at the commit.
            users.flush();
            audit.record(
                    AuditType.USER_UPDATED,
                    user.username(),
                    user.id(),
                    "from the directory (was " + before + "), roles " + user.roles());
        }
        return user;
    }

    /**
     * Acts on what the directory said of a user about to get tokens (a refresh, a code from a live
     * SSO session), in the caller's transaction: true if they may, with the directory's name, roles
     * and profile taken; false if the directory no longer admits them (or none is configured any
     * more), and then every session of theirs has ended. A local user always may.
     */
    @Transactional
    public boolean settle(String userId, Standing standing) {
        Optional<User> user = users.findById(userId);
        if (user.isEmpty() || !user.get().fromDirectory()) {
            return true;
        }
        if (!(standing instanceof Standing.Current current)) {
            sessions.revokeEverything(userId);
            String why = standing instanceof Standing.Gone gone ? gone.why() : "the directory is not configured";
            audit.record(
                    AuditType.DIRECTORY_USER_REFUSED, user.get().username(), userId, why + "; every session ended");
            return false;
        }
        update(user.get(), current.entry());
        return true;
    }

    /**
     * The token subject of a directory person: derived from the directory's stable id, never from
     * the name, so a renamed person keeps it, a new person under an old name gets another, and a
     * person whose Keycard account was deleted gets the same one back. A name-based UUID (RFC 9562
     * version 8, SHA-256) reveals nothing of the id and has the shape of every other subject.
     */
    static String subject(String directoryId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("keycard directory user " + directoryId).getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
