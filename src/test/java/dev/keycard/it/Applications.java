package dev.keycard.it;

import static io.restassured.RestAssured.given;

import dev.keycard.it.SsoBrowser.Pkce;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Registers throw-away OpenID Connect applications through the admin API, for the SSO tests. */
final class Applications {

    private Applications() {}

    /** A registered application: its id, its secret (null for a public client), where it gets codes. */
    record App(String id, String secret, String redirectUri) {}

    /** A confidential client with one redirect URI and the registration's other fields as JSON members. */
    static App confidential(String base, String extraJson) {
        return register(base, "client_secret_basic", extraJson);
    }

    /** A public client (a single-page app): no secret, PKCE required. */
    static App publicClient(String base, String extraJson) {
        return register(base, "none", extraJson);
    }

    /** An authorization request for the app (PKCE if {@code pkce} is given); {@code more}: name, value (null removes). */
    static Map<String, String> authorizationRequest(App app, Pkce pkce, String... more) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", app.id());
        parameters.put("redirect_uri", app.redirectUri());
        parameters.put("scope", "openid profile roles");
        parameters.put("state", "st-" + UUID.randomUUID());
        parameters.put("nonce", "n-" + UUID.randomUUID());
        if (pkce != null) {
            parameters.put("code_challenge", pkce.challenge());
            parameters.put("code_challenge_method", "S256");
        }
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                parameters.remove(more[i]);
            } else {
                parameters.put(more[i], more[i + 1]);
            }
        }
        return parameters;
    }

    /** A token request authenticated as the app: Basic with its secret, or client_id alone if public. */
    static RequestSpecification tokenRequest(String base, App app) {
        RequestSpecification request = given().baseUri(base).contentType(ContentType.URLENC);
        return app.secret() == null
                ? request.formParam("client_id", app.id())
                : request.auth().preemptive().basic(app.id(), app.secret());
    }

    static Response exchange(String base, App app, String code, String redirectUri, String verifier) {
        RequestSpecification request = tokenRequest(base, app)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", redirectUri);
        if (verifier != null) {
            request.formParam("code_verifier", verifier);
        }
        return request.post("oauth2/token");
    }

    /** A user signed in to the app through the browser: the token response of the code exchange. */
    static JsonPath signedIn(String base, SsoBrowser browser, App app, String username) {
        Pkce pkce = Pkce.create();
        String code = browser.codeFor(authorizationRequest(app, pkce), username).get("code");
        return exchange(base, app, code, app.redirectUri(), pkce.verifier())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static App register(String base, String method, String extraJson) {
        return register(base, TestTokens.admin(), method, extraJson);
    }

    /** Registered by the administrator whose access token is {@code admin}, for servers with keys of their own. */
    static App register(String base, String admin, String method, String extraJson) {
        String id = "app-" + UUID.randomUUID().toString().substring(0, 8);
        String redirectUri = "https://" + id + ".example.com/callback";
        JsonPath registered = given().baseUri(base)
                .auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"client_id\":\"" + id + "\",\"token_endpoint_auth_method\":\"" + method + "\","
                        + "\"redirect_uris\":[\"" + redirectUri + "\"],"
                        + "\"post_logout_redirect_uris\":[\"https://" + id + ".example.com/bye\"]"
                        + (extraJson.isEmpty() ? "" : "," + extraJson) + "}")
                .post("api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new App(id, registered.getString("client_secret"), redirectUri);
    }
}
