package dev.keycard.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/**
 * A generated signing key as the database holds it: the public key in clear (X.509, base64), the
 * private key either sealed by {@link KeyEncryption} ({@code kek_id} names the key-encryption key)
 * or, with no key-encryption key set, PKCS#8 in clear ({@code kek_id} null). A revoked key has its
 * revocation time and is neither published nor used again.
 */
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

    @Column(name = "kek_id")
    private String kekId;

    @Column(name = "data_key")
    private String dataKey;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "activates_at")
    private OffsetDateTime activatesAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected StoredSigningKey() {}

    StoredSigningKey(SigningAlgorithm algorithm, KeyPair pair, Instant activatesAt, KeyEncryption encryption) {
        SigningKey key = SigningKey.of(algorithm, pair.getPublic(), pair.getPrivate());
        this.kid = key.kid();
        this.algorithm = algorithm.name();
        this.state = ACTIVE;
        this.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        store(pair.getPrivate().getEncoded(), encryption);
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.activatesAt = activatesAt.atOffset(ZoneOffset.UTC);
    }

    Instant createdAt() {
        return createdAt.toInstant();
    }

    Instant activatesAt() {
        return activatesAt.toInstant();
    }

    Instant revokedAt() {
        return revokedAt == null ? null : revokedAt.toInstant();
    }

    boolean revoked() {
        return revokedAt != null;
    }

    String kid() {
        return kid;
    }

    String algorithm() {
        return algorithm;
    }

    /** The id of the key-encryption key that seals the private key, or null if it is in clear. */
    String kekId() {
        return kekId;
    }

    /** Whether the private key is stored as {@code encryption} would store a new one now. */
    boolean sealedAsIn(KeyEncryption encryption) {
        return java.util.Objects.equals(kekId, encryption.currentId());
    }

    /** Encrypts the private key again with the current key-encryption key (from clear or a previous one). */
    void reseal(KeyEncryption encryption) {
        byte[] pkcs8 = privateKeyBytes(encryption);
        try {
            store(pkcs8, encryption);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The public half only: what is published. */
    SigningKey publicOnly() {
        SigningAlgorithm alg = SigningAlgorithm.parse(algorithm);
        return checked(SigningKey.of(alg, publicKey(alg), null));
    }

    /** Both halves, to sign with: decrypts the private key when it is sealed. */
    SigningKey toSigningKey(KeyEncryption encryption) {
        SigningAlgorithm alg = SigningAlgorithm.parse(algorithm);
        byte[] pkcs8 = privateKeyBytes(encryption);
        try {
            PrivateKey key = KeyFactory.getInstance(alg.keyType()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return checked(SigningKey.of(alg, publicKey(alg), key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " in the database cannot be read", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private void store(byte[] pkcs8, KeyEncryption encryption) {
        if (encryption.enabled()) {
            KeyEncryption.Sealed sealed = encryption.seal(kid, pkcs8);
            this.kekId = sealed.kekId();
            this.dataKey = sealed.dataKey();
            this.privateKey = sealed.privateKey();
        } else {
            this.kekId = null;
            this.dataKey = null;
            this.privateKey = Base64.getEncoder().encodeToString(pkcs8);
        }
    }

    private byte[] privateKeyBytes(KeyEncryption encryption) {
        if (kekId == null) {
            return Base64.getDecoder().decode(privateKey);
        }
        return encryption.open(kid, new KeyEncryption.Sealed(kekId, dataKey, privateKey));
    }

    private PublicKey publicKey(SigningAlgorithm alg) {
        try {
            return KeyFactory.getInstance(alg.keyType())
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Signing key " + kid + " in the database cannot be read", e);
        }
    }

    /**
     * The kid is the public key's thumbprint: a row whose public key was replaced would otherwise
     * publish, under this kid, a key the sealed private key (bound to the kid) does not belong to.
     */
    private SigningKey checked(SigningKey key) {
        if (!key.kid().equals(kid)) {
            throw new IllegalStateException("Signing key " + kid + " in the database does not match its public key");
        }
        return key;
    }
}
