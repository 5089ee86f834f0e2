package dev.keycard.oidc;

import dev.keycard.auth.Login;
import dev.keycard.auth.LoginRequest;
import dev.keycard.client.ServiceClients;
import dev.keycard.problem.PlainText;
import dev.keycard.sso.SsoSession;
import dev.keycard.sso.SsoSessions;
import dev.keycard.user.DirectoryAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The authorization endpoint's use cases (OpenID Connect Core 1.0 §3.1.2): answering a request
 * from a live SSO session, or asking the user to sign in at the hosted page and answering once they
 * have. What the browser is shown or sent to is a {@link Step}; the resource only renders it.
 */
@ApplicationScoped
public class Authorization {

    @Inject
    ServiceClients clients;

    @Inject
    SsoSessions ssoSessions;

    @Inject
    AuthorizationCodes codes;

    @Inject
    Login login;

    @Inject
    DirectoryAccounts directoryAccounts;

    @Inject
    Validator validator;

    @Inject
    @ConfigProperty(name = "keycard.issuer")
    String issuer;

    /** What the browser gets next. */
    public sealed interface Step permits ErrorPage, Redirect, SignInForm {}

    /** No redirect is safe (unknown client, unregistered redirect URI): an error page says why. */
    public record ErrorPage(String reason) implements Step {}

    /**
     * Back to the application with a code or an error; {@code session} is set when this step
     * signed the user in, for the resource to hand its cookie to the browser.
     */
    public record Redirect(String location, SsoSessions.Opened session) implements Step {}

    /**
     * The hosted sign-in form, carrying the authorization request's parameters to the sign-in;
     * {@code problem} (and its HTTP status) when a sign-in was refused; {@code retryAfter} seconds
     * when throttled.
     */
    public record SignInForm(
            Map<String, String> request,
            String redirectUri,
            String loginHint,
            String problem,
            int status,
            long retryAfter)
            implements Step {}

    /** {@code GET} or {@code POST /oauth2/authorize}, with the SSO cookie's value if the browser sent one. */
    public Step authorize(Map<String, List<String>> parameters, String cookie) {
        AuthorizationRequest.Outcome checked = AuthorizationRequest.check(parameters, clients::find);
        if (!(checked instanceof AuthorizationRequest.Valid request)) {
            return unanswered(checked);
        }
        Instant now = Instant.now();
        Optional<SsoSession> session = ssoSessions.live(cookie);
        boolean fresh = session.isPresent()
                && (request.maxAge() == null
                        || !session.get()
                                .authTime()
                                .plusSeconds(request.maxAge())
                                .isBefore(now));
        if (fresh && request.prompt() != AuthorizationRequest.Prompt.LOGIN && admitted(session.get())) {
            return codeFor(request, session.get(), null);
        }
        if (request.prompt() == AuthorizationRequest.Prompt.NONE) {
            return error(request.redirectUri(), "login_required", "The user must sign in.", request.state());
        }
        return form(parameters, request, null, 200, 0);
    }

    /**
     * The hosted form's sign-in: the authorization request again (it may have been tampered with
     * in the page), then the password by every rule of {@link Login}, then a new SSO session and a
     * code. A refusal shows the form again, saying only that the credentials were not accepted.
     */
    public Step signIn(
            Map<String, List<String>> parameters,
            String username,
            String password,
            String cookie,
            String userAgent,
            String clientAddress) {
        AuthorizationRequest.Outcome checked = AuthorizationRequest.check(parameters, clients::find);
        if (!(checked instanceof AuthorizationRequest.Valid request)) {
            return unanswered(checked);
        }
        Set<ConstraintViolation<LoginRequest>> invalid = validator.validate(new LoginRequest(username, password, null));
        if (!invalid.isEmpty()) {
            // The JSON login's limits, checked before any account is looked up; a rule the
            // person can fix is named, as the JSON login names it.
            boolean plain = invalid.stream().anyMatch(v -> PlainText.RULE.equals(v.getMessage()));
            return form(
                    parameters,
                    request,
                    plain ? "The username and password " + PlainText.RULE + "." : "Enter your username and password.",
                    400,
                    0);
        }
        Login.Outcome<SsoSessions.Opened> outcome = login.attempt(
                username,
                password,
                clientAddress,
                (user, matched) -> ssoSessions.signIn(user, matched, userAgent, clientAddress, cookie));
        if (outcome instanceof Login.Outcome.SignedIn<SsoSessions.Opened> signedIn) {
            return codeFor(request, signedIn.session().session(), signedIn.session());
        }
        if (outcome instanceof Login.Outcome.Throttled<SsoSessions.Opened> throttled) {
            return form(
                    parameters,
                    request,
                    "Too many failed sign-ins from your address. Try again later.",
                    429,
                    throttled.retryAfterSeconds());
        }
        return form(parameters, request, "The username or password is incorrect.", 401, 0);
    }

    /**
     * Whether the directory still admits the SSO session's user, asked before every code the session
     * alone gets (outside any transaction): a person removed or disabled there gets no more tokens
     * from it, and every session of theirs ends; roles and profile are taken again.
     */
    private boolean admitted(SsoSession session) {
        return !directoryAccounts.enabled()
                || directoryAccounts.settle(session.userId(), directoryAccounts.standing(session.userId()));
    }

    private Step codeFor(AuthorizationRequest.Valid request, SsoSession session, SsoSessions.Opened opened) {
        String code = codes.issue(request, session.userId(), session.id(), session.authTime());
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        answer.put("state", request.state());
        answer.put("iss", issuer);
        return new Redirect(withQuery(request.redirectUri(), answer), opened);
    }

    private Step unanswered(AuthorizationRequest.Outcome checked) {
        if (checked instanceof AuthorizationRequest.Refused refused) {
            return error(refused.redirectUri(), refused.error(), refused.description(), refused.state());
        }
        return new ErrorPage(((AuthorizationRequest.Unusable) checked).reason());
    }

    /** RFC 6749 §4.1.2.1, with the issuer (RFC 9207) so a client can tell which server answered. */
    private Redirect error(String redirectUri, String error, String description, String state) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        answer.put("state", state);
        answer.put("iss", issuer);
        return new Redirect(withQuery(redirectUri, answer), null);
    }

    private static SignInForm form(
            Map<String, List<String>> parameters,
            AuthorizationRequest.Valid request,
            String problem,
            int status,
            long retryAfter) {
        Map<String, String> carried = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (AuthorizationRequest.PARAMETERS.contains(name) && !values.isEmpty()) {
                carried.put(name, values.get(0));
            }
        });
        return new SignInForm(carried, request.redirectUri(), request.loginHint(), problem, status, retryAfter);
    }

    /** The redirect URI with the parameters added to its query (it may have one: RFC 6749 §3.1.2). */
    static String withQuery(String uri, Map<String, String> parameters) {
        StringBuilder location = new StringBuilder(uri);
        char separator = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getValue() != null) {
                location.append(separator)
                        .append(parameter.getKey())
                        .append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return location.toString();
    }
}
