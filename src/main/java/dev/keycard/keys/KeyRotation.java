package dev.keycard.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/** Writes generated keys (new, re-encrypted, revoked); {@link SigningKeys} decides when and reads them back. */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class.getName());

    /** What revoking a generated key did. */
    sealed interface Revocation permits Revoked, UnknownKey {}

    /**
     * The key is revoked; {@code now} is false when it already was (a retried request), and
     * {@code successor} names the key created to sign in its place, if it was the signing one.
     */
    record Revoked(String kid, boolean now, String successor) implements Revocation {}

    record UnknownKey() implements Revocation {}

    @Inject
    SigningKeyRepository repository;

    /** A first key, active at once, if the database has no usable key of this algorithm. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ensureKey(SigningAlgorithm algorithm, KeyEncryption encryption) {
        if (repository.all(algorithm).stream().allMatch(StoredSigningKey::revoked)) {
            insert(algorithm, Instant.now(), encryption);
        }
    }

    /** A new key, published now and signing from {@code activatesAt}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String add(SigningAlgorithm algorithm, Instant activatesAt, KeyEncryption encryption) {
        return insert(algorithm, activatesAt, encryption);
    }

    private String insert(SigningAlgorithm algorithm, Instant activatesAt, KeyEncryption encryption) {
        StoredSigningKey key = new StoredSigningKey(algorithm, algorithm.generate(), activatesAt, encryption);
        repository.add(key);
        LOG.info(() -> "Generated a new " + algorithm + " signing key, kid " + key.kid() + ", signing from "
                + activatesAt + "; it is kept in the database "
                + (encryption.enabled() ? "encrypted with key-encryption key " + encryption.currentId() : "in clear"));
        return key.kid();
    }

    /** A scheduled rotation: a next key, unless one is already waiting. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void addIfNoneWaiting(
            SigningAlgorithm algorithm, Instant activatesAt, Instant now, KeyEncryption encryption) {
        List<StoredSigningKey> keys = repository.all(algorithm);
        if (keys.stream().noneMatch(k -> !k.revoked() && k.activatesAt().isAfter(now))) {
            insert(algorithm, activatesAt, encryption);
        }
    }

    /**
     * Encrypts with the current key-encryption key every private key that is not yet: in clear
     * (the migration of keys stored before a key-encryption key was set) or, if {@code all}, under
     * the previous key-encryption key (the re-wrap after a change of key). A key that does not
     * decrypt refuses with the setting to fix. Two nodes doing this at once write two valid
     * ciphertexts under the same key; the last one stays.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int reseal(KeyEncryption encryption, boolean all) {
        int count = 0;
        for (StoredSigningKey key : repository.everyKey()) {
            if (key.sealedAsIn(encryption) || (!all && key.kekId() != null)) {
                continue;
            }
            String before = key.kekId() == null ? "in clear" : "with key-encryption key " + key.kekId();
            key.reseal(encryption);
            LOG.warning(() -> "Encrypted signing key " + key.kid() + " (stored " + before + ") with key-encryption key "
                    + encryption.currentId());
            count++;
        }
        return count;
    }

    /**
     * Revokes a generated key at once: from now on no node signs with it or publishes it. If it was
     * the key signing now, a new key takes over in the same transaction, active at once (no
     * publish-ahead: the compromised key must not sign for ten more minutes), so that every node
     * that sees the revocation also sees its successor. The conditional UPDATE settles two
     * simultaneous revocations: one revokes and creates the successor, the other finds it done.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Revocation revoke(String kid, SigningAlgorithm algorithm, KeyEncryption encryption) {
        StoredSigningKey key = repository.find(kid);
        if (key == null) {
            return new UnknownKey();
        }
        Instant now = Instant.now();
        boolean signing = key.algorithm().equals(algorithm.name()) && kid.equals(signingKid(algorithm, now));
        if (repository.revoke(kid, now) == 0) {
            return new Revoked(kid, false, null);
        }
        String successor = signing ? insert(algorithm, now, encryption) : null;
        return new Revoked(kid, true, successor);
    }

    /** The kid of the key signing now: the last unrevoked key whose activation has come. */
    private String signingKid(SigningAlgorithm algorithm, Instant now) {
        String signing = null;
        for (StoredSigningKey key : repository.all(algorithm)) {
            if (!key.revoked() && !key.activatesAt().isAfter(now)) {
                signing = key.kid();
            }
        }
        return signing;
    }
}
