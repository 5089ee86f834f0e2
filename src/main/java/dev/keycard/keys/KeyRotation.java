package dev.keycard.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/** Writes new generated keys; {@link SigningKeys} decides when and reads them back. */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class.getName());

    @Inject
    SigningKeyRepository repository;

    /** A first key, active at once, if the database has none of this algorithm. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ensureKey(SigningAlgorithm algorithm) {
        if (repository.all(algorithm).isEmpty()) {
            insert(algorithm, Instant.now());
        }
    }

    /** A new key, published now and signing from {@code activatesAt}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String add(SigningAlgorithm algorithm, Instant activatesAt) {
        return insert(algorithm, activatesAt);
    }

    private String insert(SigningAlgorithm algorithm, Instant activatesAt) {
        StoredSigningKey key = new StoredSigningKey(algorithm, algorithm.generate(), activatesAt);
        repository.add(key);
        LOG.info(() -> "Generated a new " + algorithm + " signing key, kid " + key.kid() + ", signing from "
                + activatesAt + "; it is kept in the database");
        return key.kid();
    }

    /** A scheduled rotation: a next key, unless one is already waiting. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void addIfNoneWaiting(SigningAlgorithm algorithm, Instant activatesAt, Instant now) {
        List<StoredSigningKey> keys = repository.all(algorithm);
        if (keys.stream().noneMatch(k -> k.activatesAt().isAfter(now))) {
            insert(algorithm, activatesAt);
        }
    }
}
