package dev.keycard.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/** A generated signing key as the database holds it (DER, base64). */
@Entity
@Table(name = "signing_keys")
public class StoredSigningKey {

    static final String ACTIVE = "active";

    @Id
    private String kid;

    private String algorithm;

    private String state;

    @Column(name = "public_key")
    private String publicKey;

    @Column(name = "private_key")
    private String privateKey;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "activates_at")
    private OffsetDateTime activatesAt;

    protected StoredSigningKey() {}

    StoredSigningKey(SigningAlgorithm algorithm, KeyPair pair, java.time.Instant activatesAt) {
        SigningKey key = SigningKey.of(algorithm, pair.getPublic(), pair.getPrivate());
        this.kid = key.kid();
        this.algorithm = algorithm.name();
        this.state = ACTIVE;
        this.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        this.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.activatesAt = activatesAt.atOffset(ZoneOffset.UTC);
    }

    java.time.Instant createdAt() {
        return createdAt.toInstant();
    }

    java.time.Instant activatesAt() {
        return activatesAt.toInstant();
    }

    String kid() {
        return kid;
    }

    SigningKey toSigningKey() {
        SigningAlgorithm alg = SigningAlgorithm.parse(algorithm);
        try {
            KeyFactory factory = KeyFactory.getInstance(alg.keyType());
            return SigningKey.of(
                    alg,
                    factory.generatePublic(
                            new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))),
                    factory.generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Signing key " + kid + " in the database cannot be read", e);
        }
    }
}
