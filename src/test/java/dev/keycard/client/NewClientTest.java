package dev.keycard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keycard.problem.Requests;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewClientTest {

    private static final String URI_RULE = "redirect_uris must each be an absolute https URI (http only for"
            + " localhost, 127.0.0.1 or [::1]) of at most 2000 printable ASCII characters, without a fragment,"
            + " user info or '*'.";

    private final Requests requests = Requests.validated();

    private static String app(String redirectUri) {
        return "{\"client_id\":\"app\",\"redirect_uris\":[\"" + redirectUri + "\"]}";
    }

    @Test
    void aServiceClientIsWhatTheApiTookBefore() {
        NewClient client = requests.read(NewClient.class, "{\"client_id\":\"billing\",\"roles\":[\"user\"]}");
        assertEquals(Set.of("client_credentials"), client.grantTypes());
        assertEquals("client_secret_basic", client.tokenEndpointAuthMethod());
        assertEquals(List.of(), client.redirectUris());
        assertNull(client.scope());
    }

    @Test
    void anApplicationWithRedirectUrisGetsTheCodeFlowAndRefreshByDefault() {
        NewClient client = requests.read(NewClient.class, app("https://app.example.com/callback"));
        assertEquals(
                List.of("authorization_code", "refresh_token"),
                List.copyOf(client.grantTypes()).stream().sorted().toList());
        assertEquals("openid profile email roles", client.scope());
        assertEquals(List.of("https://app.example.com/callback"), client.redirectUris());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com/callback",
                "https://app.example.com:8443/cb?tenant=a",
                "http://localhost:8080/callback",
                "http://127.0.0.1:53122/",
                "http://[::1]/cb"
            })
    void theseRedirectUrisAreAccepted(String uri) {
        assertEquals(List.of(uri), requests.read(NewClient.class, app(uri)).redirectUris());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://app.example.com/callback", // plain http to another machine
                "https://app.example.com/callback#done", // a fragment
                "https://app.example.com/callback#", // an empty fragment
                "https://*.example.com/callback", // a wildcard
                "https://app.example.com/*",
                "https://attacker@app.example.com/callback", // user info
                "/callback", // relative
                "app.example.com/callback", // no scheme
                "javascript:alert(1)", // opaque
                "HTTPS://app.example.com/callback", // a scheme in capitals would not match byte for byte
                "https:///callback", // no host
                "https://app.example.com/call back", // a space
                "https://app.example.com/caf\u00e9", // not ASCII
                "" // empty
            })
    void theseRedirectUrisAreRefused(String uri) {
        assertEquals(URI_RULE, requests.refusal(NewClient.class, app(uri)));
    }

    @Test
    void theCodeFlowNeedsARedirectUri() {
        assertEquals(
                "redirect_uris is required for the authorization_code grant.",
                requests.refusal(NewClient.class, "{\"client_id\":\"app\",\"grant_types\":[\"authorization_code\"]}"));
    }

    @Test
    void redirectUrisWithoutTheCodeFlowAreRefused() {
        assertEquals(
                "redirect_uris is only for the authorization_code grant.",
                requests.refusal(
                        NewClient.class,
                        "{\"client_id\":\"app\",\"grant_types\":[\"client_credentials\"],"
                                + "\"redirect_uris\":[\"https://app.example.com/cb\"]}"));
    }

    @Test
    void aPublicClientCannotUseClientCredentials() {
        assertEquals(
                "token_endpoint_auth_method may be none only for clients without client_credentials.",
                requests.refusal(NewClient.class, "{\"client_id\":\"spa\",\"token_endpoint_auth_method\":\"none\"}"));
    }

    @Test
    void refreshTokensComeOnlyWithTheCodeFlow() {
        assertEquals(
                "grant_types may have refresh_token only with authorization_code.",
                requests.refusal(
                        NewClient.class,
                        "{\"client_id\":\"svc\",\"grant_types\":[\"client_credentials\",\"refresh_token\"]}"));
    }

    @Test
    void unknownGrantTypesMethodsAndScopesAreNamed() {
        assertEquals(
                "grant_types may only have authorization_code, refresh_token and client_credentials."
                        + " scope must be space-separated scopes of openid, profile, email and roles."
                        + " token_endpoint_auth_method must be client_secret_basic, client_secret_post or none.",
                requests.refusal(
                        NewClient.class,
                        "{\"client_id\":\"app\",\"redirect_uris\":[\"https://a.example/cb\"],"
                                + "\"grant_types\":[\"authorization_code\",\"implicit\"],"
                                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"scope\":\"openid admin\"}"));
    }

    @Test
    void atMostTenRedirectUris() {
        StringBuilder uris = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            uris.append(i == 0 ? "" : ",")
                    .append("\"https://a.example/cb")
                    .append(i)
                    .append('"');
        }
        assertEquals(
                "redirect_uris may have at most 10 entries.",
                requests.refusal(NewClient.class, "{\"client_id\":\"app\",\"redirect_uris\":[" + uris + "]}"));
    }
}
