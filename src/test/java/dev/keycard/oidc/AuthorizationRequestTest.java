package dev.keycard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.keycard.client.NewClient;
import dev.keycard.client.ServiceClient;
import dev.keycard.oidc.AuthorizationRequest.Outcome;
import dev.keycard.oidc.AuthorizationRequest.Refused;
import dev.keycard.oidc.AuthorizationRequest.Unusable;
import dev.keycard.oidc.AuthorizationRequest.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationRequestTest {

    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 Appendix B

    private static final ServiceClient WEB_APP = new ServiceClient(
            new NewClient("web", Set.of(), null, List.of(CALLBACK), null, null, null, null, null, null), "hash");
    private static final ServiceClient SPA = new ServiceClient(
            new NewClient("spa", Set.of(), null, List.of(CALLBACK), null, null, "none", "openid profile", null, null),
            null);
    private static final ServiceClient SERVICE = new ServiceClient(new NewClient("svc", Set.of("user")), "hash");

    private static Optional<ServiceClient> lookup(String id) {
        return Optional.ofNullable(
                Map.of("web", WEB_APP, "spa", SPA, "svc", SERVICE).get(id));
    }

    /** A valid request of the web application, with the named parameters replaced (null removes one). */
    private static Outcome request(String... replaced) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("client_id", List.of("web"));
        parameters.put("redirect_uri", List.of(CALLBACK));
        parameters.put("response_type", List.of("code"));
        parameters.put("scope", List.of("openid profile"));
        parameters.put("state", List.of("xyz"));
        parameters.put("nonce", List.of("n-0S6_WzA2Mj"));
        parameters.put("code_challenge", List.of(CHALLENGE));
        parameters.put("code_challenge_method", List.of("S256"));
        for (int i = 0; i < replaced.length; i += 2) {
            if (replaced[i + 1] == null) {
                parameters.remove(replaced[i]);
            } else {
                parameters.put(replaced[i], List.of(replaced[i + 1]));
            }
        }
        return AuthorizationRequest.check(parameters, AuthorizationRequestTest::lookup);
    }

    private static void refusedWith(String error, Outcome outcome) {
        Refused refused = assertInstanceOf(Refused.class, outcome);
        assertEquals(error, refused.error());
        assertEquals(CALLBACK, refused.redirectUri());
    }

    @Test
    void aCompleteRequestIsValid() {
        Valid valid = assertInstanceOf(Valid.class, request());
        assertEquals(CALLBACK, valid.redirectUri());
        assertEquals(Set.of("openid", "profile"), valid.scopes());
        assertEquals("xyz", valid.state());
        assertEquals("n-0S6_WzA2Mj", valid.nonce());
        assertEquals(CHALLENGE, valid.codeChallenge());
        assertEquals(AuthorizationRequest.Prompt.DEFAULT, valid.prompt());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                CALLBACK + "/", // a trailing slash
                "https://APP.example.com/callback", // case
                "https://app.example.com:443/callback", // an explicit port, even the default one
                "https://app.example.com/callback/more", // an added path
                "https://app.example.com/callback?x=1", // an added query
                "https://app.example.com/%63allback", // an encoded character
                "https://user@app.example.com/callback", // user info
                "https://app.example.com/callback#", // an empty fragment
                "https://evil.example.com/callback"
            })
    void aRedirectUriNotRegisteredByteForByteIsNeverRedirectedTo(String uri) {
        assertInstanceOf(Unusable.class, request("redirect_uri", uri));
    }

    @Test
    void anUnknownClientOrOneWithoutTheCodeFlowGetsTheErrorPage() {
        assertInstanceOf(Unusable.class, request("client_id", "nobody"));
        assertInstanceOf(Unusable.class, request("client_id", "svc"));
        assertInstanceOf(Unusable.class, request("client_id", null));
        assertInstanceOf(Unusable.class, request("redirect_uri", null));
    }

    @Test
    void theErrorPageQuotesNothingFromTheRequest() {
        Unusable unusable = assertInstanceOf(Unusable.class, request("client_id", "<script>alert(1)</script>"));
        assertEquals("The application (client_id) is not one that signs users in here.", unusable.reason());
    }

    @Test
    void aRepeatedClientIdOrRedirectUriGetsTheErrorPage() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("client_id", List.of("web"));
        parameters.put("redirect_uri", List.of(CALLBACK, "https://evil.example.com/"));
        assertInstanceOf(Unusable.class, AuthorizationRequest.check(parameters, AuthorizationRequestTest::lookup));
    }

    @Test
    void anyOtherRepeatedParameterIsAnInvalidRequestWithoutTheAmbiguousState() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("client_id", List.of("web"));
        parameters.put("redirect_uri", List.of(CALLBACK));
        parameters.put("state", List.of("a", "b"));
        Refused refused = assertInstanceOf(
                Refused.class, AuthorizationRequest.check(parameters, AuthorizationRequestTest::lookup));
        assertEquals("invalid_request", refused.error());
        assertEquals(null, refused.state());
    }

    @Test
    void errorsAfterTheRedirectUriIsKnownGoBackWithTheState() {
        Refused refused = assertInstanceOf(Refused.class, request("response_type", "token"));
        assertEquals("unsupported_response_type", refused.error());
        assertEquals("xyz", refused.state());
    }

    @Test
    void pkceIsS256Only() {
        refusedWith("invalid_request", request("code_challenge_method", "plain"));
        refusedWith("invalid_request", request("code_challenge_method", null));
        refusedWith("invalid_request", request("code_challenge", "too-short"));
        refusedWith("invalid_request", request("code_challenge", null));
    }

    @Test
    void aPublicClientMustUsePkceAConfidentialOneMay() {
        refusedWith(
                "invalid_request", request("client_id", "spa", "code_challenge", null, "code_challenge_method", null));
        Valid confidential =
                assertInstanceOf(Valid.class, request("code_challenge", null, "code_challenge_method", null));
        assertEquals(null, confidential.codeChallenge());
        assertInstanceOf(Valid.class, request("client_id", "spa"));
    }

    @Test
    void scopesAreOpenidAndWhatTheClientMayAskFor() {
        refusedWith("invalid_request", request("scope", "profile"));
        refusedWith("invalid_request", request("scope", null));
        refusedWith("invalid_scope", request("scope", "openid admin"));
        refusedWith("invalid_scope", request("client_id", "spa", "scope", "openid email"));
    }

    @Test
    void promptAndMaxAge() {
        assertEquals(
                AuthorizationRequest.Prompt.NONE,
                assertInstanceOf(Valid.class, request("prompt", "none")).prompt());
        assertEquals(
                AuthorizationRequest.Prompt.LOGIN,
                assertInstanceOf(Valid.class, request("prompt", "login")).prompt());
        refusedWith("invalid_request", request("prompt", "none login"));
        assertEquals(
                300L, assertInstanceOf(Valid.class, request("max_age", "300")).maxAge());
        refusedWith("invalid_request", request("max_age", "-1"));
        refusedWith("invalid_request", request("max_age", "soon"));
    }

    @Test
    void requestObjectsAreNotSupported() {
        refusedWith("request_not_supported", request("request", "eyJ..."));
        refusedWith("request_uri_not_supported", request("request_uri", "https://x.example/r"));
    }

    @Test
    void oversizedValuesAreRefused() {
        refusedWith("invalid_request", request("state", "s".repeat(1025)));
        assertEquals(
                null,
                assertInstanceOf(Refused.class, request("state", "s".repeat(1025)))
                        .state(),
                "an oversized state is not echoed");
        refusedWith("invalid_request", request("nonce", "n".repeat(257)));
        refusedWith("invalid_request", request("login_hint", "h".repeat(257)));
    }
}
