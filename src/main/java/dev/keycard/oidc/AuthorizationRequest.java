package dev.keycard.oidc;

import dev.keycard.client.ClientMetadata;
import dev.keycard.client.ServiceClient;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The parameters of {@code GET /oauth2/authorize} (OpenID Connect Core 1.0 §3.1.2.1, RFC 7636),
 * checked in the order that decides where an error may go: until the client and its redirect URI
 * are known to belong together, nothing is redirected anywhere (RFC 6749 §4.1.2.1), so an attacker
 * cannot use Keycard to send a browser to an address of their choosing. After that, every error
 * goes back to the application, with its {@code state}.
 */
public final class AuthorizationRequest {

    /** What the request comes to. */
    public sealed interface Outcome permits Unusable, Refused, Valid {}

    /** No redirect is safe: the user sees an error page saying why. */
    public record Unusable(String reason) implements Outcome {}

    /** The application is told, at its redirect URI, in the RFC 6749 §4.1.2.1 error parameters. */
    public record Refused(String redirectUri, String error, String description, String state) implements Outcome {}

    /**
     * A request to sign a user in for {@code client}; {@code codeChallenge} is S256's, or null for
     * a confidential client that sent none; {@code maxAge} is null when not given.
     */
    public record Valid(
            ServiceClient client,
            String redirectUri,
            Set<String> scopes,
            String state,
            String nonce,
            String codeChallenge,
            Prompt prompt,
            Long maxAge,
            String loginHint)
            implements Outcome {}

    /** OpenID Connect's {@code prompt}: what the user must or must not see. */
    public enum Prompt {
        /** Sign in if there is no session. */
        DEFAULT,
        /** Answer at once, from the session or with {@code login_required}. */
        NONE,
        /** Ask for the password even with a session. */
        LOGIN
    }

    /** The parameters Keycard reads: the hosted sign-in form carries these, and only these, to the sign-in. */
    public static final Set<String> PARAMETERS = Set.of(
            "client_id",
            "redirect_uri",
            "response_type",
            "response_mode",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method",
            "prompt",
            "max_age",
            "login_hint");

    /** RFC 7636 §4.2: the base64url SHA-256 of the verifier is 43 characters. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    static final int MAX_STATE = 1024;
    private static final int MAX_NONCE = 256;
    private static final int MAX_LOGIN_HINT = 256;
    private static final int MAX_SCOPE = 256;

    private AuthorizationRequest() {}

    /**
     * The request as sent, each parameter with every value it was given; {@code clients} finds a
     * registered client by id.
     */
    public static Outcome check(
            Map<String, List<String>> parameters, Function<String, Optional<ServiceClient>> clients) {
        if (repeated(parameters, "client_id") || repeated(parameters, "redirect_uri")) {
            return new Unusable("client_id and redirect_uri may each be given only once.");
        }
        String clientId = value(parameters, "client_id");
        if (clientId == null) {
            return new Unusable("The request names no application (client_id).");
        }
        Optional<ServiceClient> found = clients.apply(clientId).filter(ServiceClient::enabled);
        if (found.isEmpty() || !found.get().allows(ClientMetadata.AUTHORIZATION_CODE)) {
            // Not echoed: the page quotes nothing the request says.
            return new Unusable("The application (client_id) is not one that signs users in here.");
        }
        ServiceClient client = found.get();
        String redirectUri = value(parameters, "redirect_uri");
        if (redirectUri == null) {
            return new Unusable("The request has no redirect_uri.");
        }
        if (!client.redirectUris().contains(redirectUri)) {
            return new Unusable("The redirect_uri is not one registered for this application.");
        }

        // From here on the application is told.
        String state = repeated(parameters, "state") ? null : value(parameters, "state");
        // An oversized state is not echoed: the error goes back without it.
        Refusals refuse = new Refusals(redirectUri, state != null && state.length() > MAX_STATE ? null : state);
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getValue().size() > 1) {
                return refuse.invalidRequest(printable(parameter.getKey()) + " is given more than once.");
            }
        }
        if (state != null && state.length() > MAX_STATE) {
            return refuse.invalidRequest("state is longer than " + MAX_STATE + " characters.");
        }
        if (parameters.containsKey("request")) {
            return refuse.refuse("request_not_supported", "Request objects are not supported.");
        }
        if (parameters.containsKey("request_uri")) {
            return refuse.refuse("request_uri_not_supported", "request_uri is not supported.");
        }
        String responseType = value(parameters, "response_type");
        if (responseType == null) {
            return refuse.invalidRequest("response_type is required.");
        }
        if (!responseType.equals("code")) {
            return refuse.refuse("unsupported_response_type", "Only response_type=code is supported.");
        }
        String responseMode = value(parameters, "response_mode");
        if (responseMode != null && !responseMode.equals("query")) {
            return refuse.invalidRequest("Only response_mode=query is supported.");
        }

        String scope = value(parameters, "scope");
        if (scope == null || scope.isBlank()) {
            return refuse.invalidRequest("scope is required and must include openid.");
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(scope.strip().split(" +")));
        Set<String> allowed =
                Set.of(client.scope() == null ? new String[0] : client.scope().split(" "));
        if (scope.length() > MAX_SCOPE || !allowed.containsAll(scopes)) {
            return refuse.refuse("invalid_scope", "The application may ask for: " + String.join(" ", allowed) + ".");
        }
        if (!scopes.contains("openid")) {
            return refuse.invalidRequest("scope must include openid.");
        }

        String nonce = value(parameters, "nonce");
        if (nonce != null && nonce.length() > MAX_NONCE) {
            return refuse.invalidRequest("nonce is longer than " + MAX_NONCE + " characters.");
        }

        String challenge = value(parameters, "code_challenge");
        String method = value(parameters, "code_challenge_method");
        if (challenge == null) {
            if (method != null) {
                return refuse.invalidRequest("code_challenge_method is given without code_challenge.");
            }
            if (client.isPublic()) {
                return refuse.invalidRequest("A public client must use PKCE: code_challenge with S256.");
            }
        } else {
            if (!"S256".equals(method)) {
                return refuse.invalidRequest("code_challenge_method must be S256 (plain is not accepted).");
            }
            if (!S256_CHALLENGE.matcher(challenge).matches()) {
                return refuse.invalidRequest("code_challenge must be 43 base64url characters (S256).");
            }
        }

        Prompt prompt;
        String promptValue = value(parameters, "prompt");
        if (promptValue == null) {
            prompt = Prompt.DEFAULT;
        } else if (promptValue.equals("none")) {
            prompt = Prompt.NONE;
        } else if (promptValue.equals("login")) {
            prompt = Prompt.LOGIN;
        } else {
            return refuse.invalidRequest("prompt must be none or login.");
        }

        Long maxAge = null;
        String maxAgeValue = value(parameters, "max_age");
        if (maxAgeValue != null) {
            if (!maxAgeValue.matches("\\d{1,9}")) {
                return refuse.invalidRequest("max_age must be a whole number of seconds.");
            }
            maxAge = Long.parseLong(maxAgeValue);
        }

        String loginHint = value(parameters, "login_hint");
        if (loginHint != null && loginHint.length() > MAX_LOGIN_HINT) {
            return refuse.invalidRequest("login_hint is longer than " + MAX_LOGIN_HINT + " characters.");
        }
        return new Valid(client, redirectUri, scopes, state, nonce, challenge, prompt, maxAge, loginHint);
    }

    private record Refusals(String redirectUri, String state) {
        Refused refuse(String error, String description) {
            return new Refused(redirectUri, error, description, state);
        }

        Refused invalidRequest(String description) {
            return refuse("invalid_request", description);
        }
    }

    private static boolean repeated(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values != null && values.size() > 1;
    }

    /** The parameter's value; null if it is absent or empty (RFC 6749 §3.1: empty means absent). */
    private static String value(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null
                || values.isEmpty()
                || values.get(0) == null
                || values.get(0).isEmpty()) {
            return null;
        }
        return values.get(0);
    }

    /** A name from the request as an answer may show it: printable ASCII, at most 64 characters. */
    private static String printable(String text) {
        String shown = text.replaceAll("[^\\x21-\\x7e]", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
    }
}
