package dev.keycard.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key Keycard signs with and the key set it publishes. The key comes from
 * {@code keycard.keys.location} when the operator supplies one; otherwise it is generated on first
 * start and kept in the database, so that a restart keeps issued tokens valid and every node of a
 * cluster signs with the same key.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    @ConfigProperty(name = "keycard.token.algorithm", defaultValue = "RS256")
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
    SigningKeyRepository repository;

    private volatile SigningKey active;
    private volatile String jwks;

    /** Called once at start-up, after the schema migration. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void load() {
        SigningAlgorithm algorithm = SigningAlgorithm.parse(algorithmName);
        SigningKey key;
        if (location.isPresent() && !location.get().isBlank()) {
            key = KeyFiles.load(Path.of(location.get()), password.orElse(null), alias.orElse(null), algorithm);
            LOG.info(() -> "Signing with the " + algorithm + " key from keycard.keys.location, kid " + key.kid());
        } else {
            key = storedOrGenerated(algorithm);
        }
        use(key);
    }

    private SigningKey storedOrGenerated(SigningAlgorithm algorithm) {
        List<StoredSigningKey> stored = repository.active(algorithm);
        if (stored.isEmpty()) {
            StoredSigningKey generated = new StoredSigningKey(algorithm, algorithm.generate());
            repository.add(generated);
            LOG.info(() -> "Generated a new " + algorithm + " signing key, kid " + generated.kid()
                    + "; it is kept in the database");
            // Nodes starting together on an empty database converge on the oldest key they can see.
            stored = repository.active(algorithm);
        }
        SigningKey key = stored.get(0).toSigningKey();
        LOG.info(() -> "Signing with the " + algorithm + " key from the database, kid " + key.kid());
        return key;
    }

    private void use(SigningKey key) {
        active = key;
        jwks = Json.createObjectBuilder()
                .add("keys", Json.createArrayBuilder().add(key.toJwk()))
                .build()
                .toString();
        VerificationKeys.publish(jwks);
    }

    public SigningKey active() {
        SigningKey key = active;
        if (key == null) {
            throw new IllegalStateException("Signing keys are not loaded yet");
        }
        return key;
    }

    /** The public JWK Set, as served at /.well-known/jwks.json and trusted by MicroProfile JWT. */
    public String jwks() {
        return jwks;
    }
}
