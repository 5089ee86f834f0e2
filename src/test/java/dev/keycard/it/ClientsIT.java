package dev.keycard.it;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Applications registered beside service clients, with the metadata names of RFC 7591. */
class ClientsIT extends KeycardIT {

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RequestSpecification admin() {
        return api().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    @Test
    void anApplicationIsRegisteredWithItsMetadataAndASecretShownOnce() {
        String id = id("app");
        admin().body("{\"client_id\":\"" + id + "\",\"client_name\":\"Billing portal\","
                        + "\"redirect_uris\":[\"https://billing.example.com/cb\",\"http://127.0.0.1:9000/cb\"],"
                        + "\"post_logout_redirect_uris\":[\"https://billing.example.com/\"],"
                        + "\"backchannel_logout_uri\":\"https://billing.example.com/logout\","
                        + "\"audience\":\"billing-api\"}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("client_secret", notNullValue())
                .body("client_name", equalTo("Billing portal"))
                .body("grant_types", contains("authorization_code", "refresh_token"))
                .body("token_endpoint_auth_method", equalTo("client_secret_basic"))
                .body("redirect_uris", contains("https://billing.example.com/cb", "http://127.0.0.1:9000/cb"))
                .body("scope", equalTo("openid profile email roles"))
                .body("audience", equalTo("billing-api"));
        admin().get("api/admin/clients/" + id)
                .then()
                .statusCode(200)
                .body("$", not(hasKey("client_secret")))
                .body("redirect_uris", contains("https://billing.example.com/cb", "http://127.0.0.1:9000/cb"))
                .body("post_logout_redirect_uris", contains("https://billing.example.com/"))
                .body("backchannel_logout_uri", equalTo("https://billing.example.com/logout"));
    }

    @Test
    void aPublicClientHasNoSecretToShowOrRotate() {
        String id = id("spa");
        admin().body("{\"client_id\":\"" + id + "\",\"token_endpoint_auth_method\":\"none\","
                        + "\"redirect_uris\":[\"http://localhost:5173/callback\"]}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .body("$", not(hasKey("client_secret")))
                .body("token_endpoint_auth_method", equalTo("none"));
        admin().post("api/admin/clients/" + id + "/secret")
                .then()
                .statusCode(409)
                .body("detail", equalTo("A public client has no secret to rotate."));
    }

    @Test
    void aRedirectUriToAnotherMachineOverPlainHttpIsRefusedAndNothingIsRegistered() {
        String id = id("app");
        admin().body("{\"client_id\":\"" + id + "\",\"redirect_uris\":[\"http://app.example.com/cb\"]}")
                .post("api/admin/clients")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("#/redirect_uris/0"));
        admin().get("api/admin/clients/" + id).then().statusCode(404);
    }

    @Test
    void anApplicationWithoutTheClientCredentialsGrantGetsNoClientToken() {
        JsonPath app = admin().body(
                        "{\"client_id\":\"" + id("app") + "\"," + "\"redirect_uris\":[\"https://app.example.com/cb\"]}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        api().auth()
                .preemptive()
                .basic(app.getString("client_id"), app.getString("client_secret"))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"))
                .body("access_token", nullValue());
    }

    @Test
    void aChangeThatWouldLeaveTheFieldsContradictingIsRefusedAndChangesNothing() {
        String id = id("app");
        admin().body("{\"client_id\":\"" + id + "\",\"redirect_uris\":[\"https://app.example.com/cb\"]}")
                .post("api/admin/clients")
                .then()
                .statusCode(201);
        admin().body("{\"redirect_uris\":[],\"client_name\":\"Renamed\"}")
                .patch("api/admin/clients/" + id)
                .then()
                .statusCode(400)
                .body("detail", equalTo("redirect_uris is required for the authorization_code grant."));
        admin().body("{\"grant_types\":[]}")
                .patch("api/admin/clients/" + id)
                .then()
                .statusCode(400)
                .body("errors.pointer", hasItem("#/grant_types"));
        admin().get("api/admin/clients/" + id)
                .then()
                .body("client_name", nullValue())
                .body("redirect_uris", contains("https://app.example.com/cb"));
        admin().body("{\"redirect_uris\":[\"https://app.example.com/new-cb\"],\"client_name\":\"Renamed\"}")
                .patch("api/admin/clients/" + id)
                .then()
                .statusCode(200)
                .body("client_name", equalTo("Renamed"))
                .body("redirect_uris", contains("https://app.example.com/new-cb"));
        admin().get("api/admin/clients/" + id)
                .then()
                .body("client_name", equalTo("Renamed"))
                .body("redirect_uris", contains("https://app.example.com/new-cb"));
    }

    @Test
    void aServiceClientRegisteredAsBeforeShowsItsDefaults() {
        admin().body("{\"client_id\":\"" + id("svc") + "\",\"roles\":[\"user\"]}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .body("grant_types", contains("client_credentials"))
                .body("token_endpoint_auth_method", equalTo("client_secret_basic"))
                .body("redirect_uris", empty());
    }
}
