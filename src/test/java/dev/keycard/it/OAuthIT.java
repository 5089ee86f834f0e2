package dev.keycard.it;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Discovery, service clients, client credentials and introspection. */
class OAuthIT extends KeycardIT {

    /** A new client with the user role; returns {client_id, client_secret}. */
    private JsonPath register() {
        return api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"client_id\":\"svc-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"roles\":[\"user\"]}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .header("Location", notNullValue())
                .extract()
                .jsonPath();
    }

    private RequestSpecification withBasic(JsonPath client) {
        return api().auth()
                .preemptive()
                .basic(client.getString("client_id"), client.getString("client_secret"))
                .contentType(ContentType.URLENC);
    }

    @Test
    void discoveryNamesEveryEndpointFromTheIssuer() {
        for (String path :
                new String[] {".well-known/openid-configuration", ".well-known/oauth-authorization-server"}) {
            api().get(path)
                    .then()
                    .statusCode(200)
                    .body("issuer", equalTo(TestTokens.ISSUER))
                    .body("jwks_uri", equalTo(TestTokens.ISSUER + "/.well-known/jwks.json"))
                    .body("token_endpoint", equalTo(TestTokens.ISSUER + "/oauth2/token"))
                    .body("revocation_endpoint", equalTo(TestTokens.ISSUER + "/oauth2/revoke"))
                    .body("introspection_endpoint", equalTo(TestTokens.ISSUER + "/oauth2/introspect"))
                    .body(
                            "grant_types_supported",
                            contains("authorization_code", "refresh_token", "client_credentials"))
                    .body(
                            "token_endpoint_auth_methods_supported",
                            contains("client_secret_basic", "client_secret_post", "none"))
                    .body("id_token_signing_alg_values_supported", contains("RS256"));
        }
    }

    @Test
    void clientCredentialsWithBasicAuthenticationGiveAClientToken() {
        JsonPath client = register();
        String token = withBasic(client)
                .formParam("grant_type", "client_credentials")
                .post("oauth2/token")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("refresh_token", nullValue())
                .extract()
                .path("access_token");
        JsonPath claims = JsonPath.from(TestTokens.payload(token));
        org.junit.jupiter.api.Assertions.assertEquals(client.getString("client_id"), claims.getString("sub"));
        org.junit.jupiter.api.Assertions.assertEquals(client.getString("client_id"), claims.getString("client_id"));
        api().auth()
                .oauth2(token)
                .get("api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo(client.getString("client_id")))
                .body("roles", contains("user"));
    }

    @Test
    void clientCredentialsWithFormFieldsWork() {
        JsonPath client = register();
        api().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", client.getString("client_id"))
                .formParam("client_secret", client.getString("client_secret"))
                .post("oauth2/token")
                .then()
                .statusCode(200)
                .body("access_token", notNullValue());
    }

    @Test
    void wrongSecretIsInvalidClientWithABasicChallenge() {
        JsonPath client = register();
        api().auth()
                .preemptive()
                .basic(client.getString("client_id"), "wrong")
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("oauth2/token")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        withBasic(register())
                .formParam("grant_type", "password")
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void missingGrantTypeIsAnInvalidRequest() {
        withBasic(register())
                .formParam("scope", "x")
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void theSecretIsShownOnceAndNeverAgain() {
        JsonPath client = register();
        String secret = client.getString("client_secret");
        org.junit.jupiter.api.Assertions.assertTrue(secret.length() >= 43);
        api().auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/clients/" + client.getString("client_id"))
                .then()
                .statusCode(200)
                .body("client_secret", nullValue())
                .body(not(containsString(secret)));
        api().auth()
                .oauth2(TestTokens.admin())
                .get("api/admin/clients")
                .then()
                .statusCode(200)
                .body(not(containsString(secret)));
    }

    /** A client's first use leaves its copy on the node (keycard.cache-ttl); changes must not wait for it. */
    private void useOnce(JsonPath client) {
        withBasic(client)
                .formParam("grant_type", "client_credentials")
                .post("oauth2/token")
                .then()
                .statusCode(200);
    }

    @Test
    void rotatingTheSecretRetiresTheOldOneAtOnceEvenRightAfterItsUse() {
        JsonPath client = register();
        useOnce(client);
        String fresh = api().auth()
                .oauth2(TestTokens.admin())
                .post("api/admin/clients/" + client.getString("client_id") + "/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("client_secret");
        withBasic(client)
                .formParam("grant_type", "client_credentials")
                .post("oauth2/token")
                .then()
                .statusCode(401);
        api().auth()
                .preemptive()
                .basic(client.getString("client_id"), fresh)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("oauth2/token")
                .then()
                .statusCode(200);
    }

    @Test
    void disabledOrDeletedClientsGetNoTokenAtOnceEvenRightAfterTheirUse() {
        JsonPath disabled = register();
        useOnce(disabled);
        api().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("api/admin/clients/" + disabled.getString("client_id"))
                .then()
                .statusCode(200);
        withBasic(disabled)
                .formParam("grant_type", "client_credentials")
                .post("oauth2/token")
                .then()
                .statusCode(401);
        JsonPath deleted = register();
        useOnce(deleted);
        api().auth()
                .oauth2(TestTokens.admin())
                .delete("api/admin/clients/" + deleted.getString("client_id"))
                .then()
                .statusCode(204);
        withBasic(deleted)
                .formParam("grant_type", "client_credentials")
                .post("oauth2/token")
                .then()
                .statusCode(401);
    }

    @Test
    void introspectionTellsLiveTokensFromRevokedExpiredAndGarbage() {
        JsonPath client = register();
        JsonPath user = Accounts.login(base, Accounts.create(base));
        withBasic(client)
                .formParam("token", user.getString("access_token"))
                .post("oauth2/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("iss", equalTo(TestTokens.ISSUER))
                .body("username", notNullValue())
                .body("groups", contains("user"))
                .body("exp", notNullValue());

        api().auth()
                .oauth2(user.getString("access_token"))
                .post("api/auth/logout")
                .then()
                .statusCode(204);
        withBasic(client)
                .formParam("token", user.getString("access_token"))
                .post("oauth2/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("iss", nullValue());

        String expired = TestTokens.sign(TestTokens.valid("alice", "user")
                .issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(Instant.now().minusSeconds(300)));
        withBasic(client)
                .formParam("token", expired)
                .post("oauth2/introspect")
                .then()
                .body("active", equalTo(false));
        withBasic(client)
                .formParam("token", "not-a-token")
                .post("oauth2/introspect")
                .then()
                .body("active", equalTo(false));
    }

    @Test
    void introspectionIsForAuthenticatedClientsOnly() {
        api().contentType(ContentType.URLENC)
                .formParam("token", TestTokens.user())
                .post("oauth2/introspect")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void clientAdministrationNeedsTheAdminRole() {
        api().auth().oauth2(TestTokens.user()).get("api/admin/clients").then().statusCode(403);
    }
}
