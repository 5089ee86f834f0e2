package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.Test;

class JwksIT extends KeycardIT {

    @Test
    void jwksPublishesTheSigningKeyForCaching() {
        given().baseUri(base.toString())
                .get(".well-known/jwks.json")
                .then()
                .statusCode(200)
                .contentType("application/jwk-set+json")
                .header("Cache-Control", containsString("max-age="))
                .body("keys", hasSize(1))
                .body("keys[0].kid", equalTo(TestTokens.KID))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kty", equalTo("RSA"));
    }

    @Test
    void jwksHasNoPrivateMembers() {
        List<Map<String, Object>> keys = JsonPath.from(given().baseUri(base.toString())
                        .get(".well-known/jwks.json")
                        .asString())
                .getList("keys");
        for (Map<String, Object> key : keys) {
            for (String secret : List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k")) {
                assertFalse(key.containsKey(secret), "private member " + secret + " published");
            }
        }
    }

    @Test
    void kidIsTheRfc7638ThumbprintOfThePublishedKey() throws Exception {
        JsonWebKeySet set = new JsonWebKeySet(
                given().baseUri(base.toString()).get(".well-known/jwks.json").asString());
        JsonWebKey key = set.getJsonWebKeys().get(0);
        assertEquals(key.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256), key.getKeyId());
    }
}
