package dev.keycard.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    @Test
    void kidIsTheRfc7638ThumbprintOfTheRfcsExampleKey() throws Exception {
        // RFC 7638 §3.1.
        String n =
                "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(n)), BigInteger.valueOf(65537)));
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", SigningKey.thumbprint(key));
    }

    @Test
    void ecKidMatchesAnIndependentImplementation() throws Exception {
        KeyPair pair = SigningAlgorithm.ES256.generate();
        SigningKey key = SigningKey.of(SigningAlgorithm.ES256, pair.getPublic(), pair.getPrivate());
        String expected =
                JsonWebKey.Factory.newJwk(pair.getPublic()).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        assertEquals(expected, key.kid());
    }

    @Test
    void jwkCarriesKidAlgAndUseButNoPrivateMember() {
        KeyPair pair = SigningAlgorithm.RS256.generate();
        JsonObject jwk = SigningKey.of(SigningAlgorithm.RS256, pair.getPublic(), pair.getPrivate())
                .toJwk();
        assertEquals("RS256", jwk.getString("alg"));
        assertEquals("sig", jwk.getString("use"));
        for (String member : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertFalse(jwk.containsKey(member), member);
        }
    }

    @Test
    void keyThatDoesNotFitTheAlgorithmIsRefused() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPair weak = small.generateKeyPair();
        assertThrows(
                IllegalArgumentException.class,
                () -> SigningKey.of(SigningAlgorithm.RS256, weak.getPublic(), weak.getPrivate()));
        KeyPair ec = SigningAlgorithm.ES256.generate();
        assertThrows(
                IllegalArgumentException.class,
                () -> SigningKey.of(SigningAlgorithm.RS256, ec.getPublic(), ec.getPrivate()));
    }
}
