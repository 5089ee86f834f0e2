package dev.keycard.oidc;

import dev.keycard.client.ServiceClients;
import dev.keycard.mfa.SecondFactorPolicy;
import dev.keycard.mfa.SecondFactors;
import dev.keycard.sso.SsoSession;
import dev.keycard.sso.SsoSessions;
import dev.keycard.user.DirectoryAccounts;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    DirectoryAccounts directoryAccounts;

    @Inject
    SecondFactorPolicy policy;

    @Inject
    SecondFactors factors;

    @Inject
    UserRepository users;

    static final String ENROL_FIRST = "Your account needs a second factor before you can sign in to applications."
            + " Set one up on Keycard's own page (sign in there, then add an authenticator app or a passkey),"
            + " then sign in here again.";

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
     * {@code ticket} when it is the second step, asking for the second factor ({@link HostedSignIn});
     * {@code problem} (and its HTTP status) when a sign-in was refused; {@code retryAfter} seconds
     * when throttled.
     */
    public record SignInForm(
            Map<String, String> request,
            String redirectUri,
            String loginHint,
            String ticket,
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
        if (fresh
                && request.prompt() != AuthorizationRequest.Prompt.LOGIN
                && satisfiesPolicy(session.get())
                && admitted(session.get())) {
            return codeFor(request, session.get(), null);
        }
        if (request.prompt() == AuthorizationRequest.Prompt.NONE) {
            return error(request.redirectUri(), "login_required", "The user must sign in.", request.state());
        }
        return form(parameters, request, null, 200, 0);
    }

    /**
     * Whether the session's sign-in had a second factor, if the user has one now or their roles
     * require one (a factor set up, or the policy switched on, since the session began).
     */
    private boolean satisfiesPolicy(SsoSession session) {
        return session.amr().multiFactor()
                || users.findById(session.userId())
                        .map(user -> !policy.requires(user.roles())
                                && factors.of(user.id()).isEmpty())
                        .orElse(false);
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

    /**
     * A code for the request from the session; an error page instead if the session's sign-in
     * lacks the second factor the user's roles require (the person is sent to enrol first).
     */
    public Step codeFor(AuthorizationRequest.Valid request, SsoSession session, SsoSessions.Opened opened) {
        if (!satisfiesPolicy(session)) {
            return new ErrorPage(ENROL_FIRST);
        }
        String code = codes.issue(request, session.userId(), session.id(), session.authTime(), session.amr());
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        answer.put("state", request.state());
        answer.put("iss", issuer);
        return new Redirect(withQuery(request.redirectUri(), answer), opened);
    }

    public Step unanswered(AuthorizationRequest.Outcome checked) {
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

    static SignInForm form(
            Map<String, List<String>> parameters,
            AuthorizationRequest.Valid request,
            String problem,
            int status,
            long retryAfter) {
        return form(parameters, request, null, problem, status, retryAfter);
    }

    /** The form; with {@code ticket}, its second step, asking for the second factor. */
    static SignInForm form(
            Map<String, List<String>> parameters,
            AuthorizationRequest.Valid request,
            String ticket,
            String problem,
            int status,
            long retryAfter) {
        Map<String, String> carried = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (AuthorizationRequest.PARAMETERS.contains(name) && !values.isEmpty()) {
                carried.put(name, values.get(0));
            }
        });
        return new SignInForm(carried, request.redirectUri(), request.loginHint(), ticket, problem, status, retryAfter);
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
