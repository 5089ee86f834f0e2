package dev.keycard.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a signing key supplied by the operator (typically a mounted secret): a PKCS#12 keystore,
 * or a PEM file with a PKCS#8 {@code PRIVATE KEY} block, plus a {@code PUBLIC KEY} or
 * {@code CERTIFICATE} block for EC keys (an RSA public key is derived from the private key).
 * Error messages name the property to fix and never include key material.
 */
final class KeyFiles {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private KeyFiles() {}

    static SigningKey load(Path file, String password, String alias, SigningAlgorithm algorithm) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("keycard.keys.location: cannot read " + file + " (" + e.getMessage() + ")");
        }
        String text = new String(content, StandardCharsets.US_ASCII);
        try {
            return text.contains("-----BEGIN ")
                    ? fromPem(text, algorithm)
                    : fromPkcs12(content, password, alias, algorithm);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(
                    "keycard.keys.location: " + file + " holds no usable " + algorithm + " key ("
                            + e.getClass().getSimpleName() + "); check keycard.keys.password and keycard.keys.alias");
        }
    }

    private static SigningKey fromPem(String text, SigningAlgorithm algorithm)
            throws GeneralSecurityException, IOException {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        KeyFactory factory = KeyFactory.getInstance(algorithm.keyType());
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (block.group(1)) {
                case "PRIVATE KEY" -> privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
                case "PUBLIC KEY" -> publicKey = factory.generatePublic(new X509EncodedKeySpec(der));
                case "CERTIFICATE" ->
                    publicKey = CertificateFactory.getInstance("X.509")
                            .generateCertificate(new java.io.ByteArrayInputStream(der))
                            .getPublicKey();
                case "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" ->
                    throw new IllegalStateException("keycard.keys.location: convert the key to unencrypted PKCS#8 "
                            + "(openssl pkcs8 -topk8 -nocrypt) or use a PKCS#12 file with keycard.keys.password");
                default -> {}
            }
        }
        if (privateKey == null) {
            throw new IllegalStateException("keycard.keys.location: the PEM file has no PRIVATE KEY block");
        }
        if (publicKey == null && privateKey instanceof RSAPrivateCrtKey rsa) {
            publicKey = factory.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (publicKey == null) {
            throw new IllegalStateException("keycard.keys.location: an EC key needs its PUBLIC KEY or CERTIFICATE "
                    + "block in the same PEM file");
        }
        return SigningKey.of(algorithm, publicKey, privateKey);
    }

    private static SigningKey fromPkcs12(byte[] content, String password, String alias, SigningAlgorithm algorithm)
            throws GeneralSecurityException, IOException {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            store.load(in, secret);
        }
        String chosen = alias;
        if (chosen == null) {
            chosen = Collections.list(store.aliases()).stream()
                    .filter(a -> isKey(store, a))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("keycard.keys.location: the keystore has no private key"));
        }
        PrivateKey privateKey = (PrivateKey) store.getKey(chosen, secret);
        Certificate certificate = store.getCertificate(chosen);
        if (privateKey == null || certificate == null) {
            throw new IllegalStateException("keycard.keys.alias: no key entry named '" + chosen + "' in the keystore");
        }
        return SigningKey.of(algorithm, certificate.getPublicKey(), privateKey);
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
