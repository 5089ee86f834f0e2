package dev.keycard.keys;

import dev.keycard.JsonFormat;
import dev.keycard.Sha256;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A key pair Keycard signs with. {@code kid} is the RFC 7638 JWK thumbprint of the public key, so
 * the same key has the same id on every node and in every process that computes it.
 */
public record SigningKey(String kid, SigningAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey) {

    public static SigningKey of(SigningAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey) {
        algorithm.requireMatching(publicKey);
        return new SigningKey(thumbprint(publicKey), algorithm, publicKey, privateKey);
    }

    /** The public JWK: required members plus kid, alg and use. Never a private member. */
    public JsonObject toJwk() {
        return requiredMembers(publicKey)
                .add("kid", kid)
                .add("alg", algorithm.name())
                .add("use", "sig")
                .build();
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, no white space. */
    static String thumbprint(PublicKey key) {
        String canonical = requiredMembers(key).build().toString();
        return Sha256.base64url(canonical);
    }

    /** Members in lexicographic order, which JSON-P's builder keeps. */
    private static JsonObjectBuilder requiredMembers(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return JsonFormat.object()
                    .add("e", base64url(unsigned(rsa.getPublicExponent())))
                    .add("kty", "RSA")
                    .add("n", base64url(unsigned(rsa.getModulus())));
        }
        if (key instanceof ECPublicKey ec) {
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            return JsonFormat.object()
                    .add("crv", "P-256")
                    .add("kty", "EC")
                    .add("x", base64url(fixed(ec.getW().getAffineX(), size)))
                    .add("y", base64url(fixed(ec.getW().getAffineY(), size)));
        }
        throw new IllegalArgumentException("Unsupported key type " + key.getAlgorithm());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger value, int size) {
        byte[] bytes = unsigned(value);
        if (bytes.length == size) {
            return bytes;
        }
        byte[] padded = new byte[size];
        System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
        return padded;
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + "]";
    }
}
