package dev.keycard.oidc;

import dev.keycard.bearer.BearerTokens;
import dev.keycard.client.ServiceClient;
import dev.keycard.client.ServiceClients;
import dev.keycard.sso.SsoSession;
import dev.keycard.sso.SsoSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): an application sends the user to
 * {@code /oauth2/logout} with the ID token it holds; the SSO session that token names ends, with
 * every token issued under it, and the other applications hear of it by back-channel. The user is
 * sent on only to a {@code post_logout_redirect_uri} registered for the client, byte for byte.
 * Without an ID token the user is asked first: a link from any site must not sign anyone out.
 */
@ApplicationScoped
public class EndSession {

    @Inject
    BearerTokens bearer;

    @Inject
    ServiceClients clients;

    @Inject
    SsoSessions ssoSessions;

    /** What the browser gets. */
    public sealed interface Step permits ErrorPage, Redirect, SignedOut, Confirm {}

    /** Nothing was ended; the page says why. */
    public record ErrorPage(String reason) implements Step {}

    public record Redirect(String location) implements Step {}

    public record SignedOut() implements Step {}

    /** Ask the user, carrying these parameters to the confirmation. */
    public record Confirm(Map<String, String> carried) implements Step {}

    /** The application's request, by GET or POST. */
    public Step request(Map<String, List<String>> parameters, String cookie) {
        Optional<String> repeated = parameters.entrySet().stream()
                .filter(parameter -> parameter.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .findFirst();
        if (repeated.isPresent()) {
            return new ErrorPage("Each parameter of a sign-out request may be given only once.");
        }
        String state = value(parameters, "state");
        if (state != null && state.length() > AuthorizationRequest.MAX_STATE) {
            return new ErrorPage("The state is longer than " + AuthorizationRequest.MAX_STATE
                    + " characters: nobody was signed out.");
        }
        String hint = value(parameters, "id_token_hint");
        String clientId = value(parameters, "client_id");
        JsonWebToken idToken = null;
        if (hint != null) {
            idToken = bearer.verifiedIdToken(hint).orElse(null);
            if (idToken == null) {
                return new ErrorPage(
                        "The id_token_hint is not a current ID token from Keycard: nobody was signed out.");
            }
            String azp = idToken.getClaim("azp").toString();
            if (clientId != null && !clientId.equals(azp)) {
                return new ErrorPage("The client_id does not match the id_token_hint: nobody was signed out.");
            }
            clientId = azp;
        }
        Destination destination = destination(clientId, parameters);
        if (destination.refusal() != null) {
            return destination.refusal();
        }
        if (idToken == null) {
            if (ssoSessions.live(cookie).isEmpty()) {
                return done(destination.uri(), parameters);
            }
            Map<String, String> carried = new LinkedHashMap<>();
            for (String name : List.of("client_id", "post_logout_redirect_uri", "state")) {
                String value = value(parameters, name);
                if (value != null) {
                    carried.put(name, value);
                }
            }
            return new Confirm(carried);
        }
        String subject = idToken.getSubject();
        String why = "RP-initiated logout by client " + clientId;
        Object sid = idToken.getClaim("sid");
        if (sid != null) {
            ssoSessions.end(sid.toString(), subject, why);
        }
        ssoSessions
                .live(cookie)
                .filter(session -> session.userId().equals(subject))
                .ifPresent(session -> ssoSessions.end(session.id(), subject, why));
        return done(destination.uri(), parameters);
    }

    /** The user confirmed, on Keycard's page, signing out of the session their browser holds. */
    public Step confirmed(Map<String, List<String>> parameters, String cookie) {
        Destination destination = destination(value(parameters, "client_id"), parameters);
        if (destination.refusal() != null) {
            return destination.refusal();
        }
        Optional<SsoSession> session = ssoSessions.live(cookie);
        session.ifPresent(live -> ssoSessions.end(live.id(), live.userId(), "signed out at Keycard's page"));
        return done(destination.uri(), parameters);
    }

    /** Where the browser goes afterwards: a registered post-logout URI, or nowhere ({@code uri} null); or a refusal. */
    private record Destination(String uri, ErrorPage refusal) {
        static Destination refused(String reason) {
            return new Destination(null, new ErrorPage(reason + ": nobody was signed out."));
        }
    }

    private Destination destination(String clientId, Map<String, List<String>> parameters) {
        String uri = value(parameters, "post_logout_redirect_uri");
        Optional<ServiceClient> client = clientId == null ? Optional.empty() : clients.find(clientId);
        if (clientId != null && client.isEmpty()) {
            return Destination.refused("The application (client_id) is not registered here");
        }
        if (uri == null) {
            return new Destination(null, null);
        }
        if (client.isEmpty()) {
            return Destination.refused("A post_logout_redirect_uri needs an id_token_hint or a client_id");
        }
        if (!client.get().postLogoutRedirectUris().contains(uri)) {
            return Destination.refused("The post_logout_redirect_uri is not one registered for this application");
        }
        return new Destination(uri, null);
    }

    private static Step done(String destination, Map<String, List<String>> parameters) {
        if (destination == null) {
            return new SignedOut();
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("state", value(parameters, "state"));
        return new Redirect(Authorization.withQuery(destination, answer));
    }

    private static String value(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
