package dev.keycard.oidc;

import dev.keycard.auth.Login;
import dev.keycard.auth.LoginRequest;
import dev.keycard.client.ServiceClients;
import dev.keycard.mfa.PendingSignIns;
import dev.keycard.mfa.SecondFactors;
import dev.keycard.problem.PlainText;
import dev.keycard.sso.SsoSessions;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signing in at the hosted form: the authorization request again (it may have been tampered with
 * in the page), then the password by every rule of {@link Login}, then, for a user with a second
 * factor, a second step asking for it, then a new SSO session and a code. The second step carries a
 * ticket ({@link PendingSignIns}), never the password. A refusal shows the form again, saying only
 * that the credentials were not accepted.
 */
@ApplicationScoped
public class HostedSignIn {

    private static final Pattern CODE = Pattern.compile(LoginRequest.CODE);

    private static final String PASSKEY_ONLY = "Your second factor is a passkey, which this page cannot use yet."
            + " Set up an authenticator app on Keycard's own page, then sign in here with its code.";

    private static final String ASK_CODE = "Enter the code from your authenticator app, or a recovery code.";

    @Inject
    Authorization authorization;

    @Inject
    Login login;

    @Inject
    ServiceClients clients;

    @Inject
    SsoSessions ssoSessions;

    @Inject
    PendingSignIns pending;

    @Inject
    UserRepository users;

    @Inject
    Validator validator;

    /** What the person typed: a username and password, or at the second step a ticket and a code. */
    public record Typed(String username, String password, String ticket, String code) {
        @Override
        public String toString() {
            return "Typed[username=" + username + "]";
        }
    }

    public Authorization.Step signIn(
            Map<String, List<String>> parameters, Typed typed, String cookie, String userAgent, String clientAddress) {
        AuthorizationRequest.Outcome checked = AuthorizationRequest.check(parameters, clients::find);
        if (!(checked instanceof AuthorizationRequest.Valid request)) {
            return authorization.unanswered(checked);
        }
        Login.Opening<SsoSessions.Opened> opening =
                (user, matched, amr) -> ssoSessions.signIn(user, matched, amr, userAgent, clientAddress, cookie);
        if (typed.ticket() != null) {
            return secondStep(parameters, request, typed, clientAddress, opening);
        }
        Set<ConstraintViolation<LoginRequest>> invalid =
                validator.validate(new LoginRequest(typed.username(), typed.password(), null, null, null));
        if (!invalid.isEmpty()) {
            // The JSON login's limits, checked before any account is looked up; a rule the
            // person can fix is named, as the JSON login names it.
            boolean plain = invalid.stream().anyMatch(v -> PlainText.RULE.equals(v.getMessage()));
            return Authorization.form(
                    parameters,
                    request,
                    plain ? "The username and password " + PlainText.RULE + "." : "Enter your username and password.",
                    400,
                    0);
        }
        return answer(
                parameters,
                request,
                null,
                login.attempt(typed.username(), typed.password(), Login.Proof.NONE, clientAddress, opening));
    }

    private Authorization.Step secondStep(
            Map<String, List<String>> parameters,
            AuthorizationRequest.Valid request,
            Typed typed,
            String clientAddress,
            Login.Opening<SsoSessions.Opened> opening) {
        Optional<User> user = pending.userOf(typed.ticket()).flatMap(users::findById);
        if (user.isEmpty()) {
            return Authorization.form(parameters, request, "Your sign-in took too long. Sign in again.", 400, 0);
        }
        if (typed.code() == null || !CODE.matcher(typed.code().strip()).matches()) {
            // Not a guess at all: asked again, not counted.
            return Authorization.form(parameters, request, typed.ticket(), ASK_CODE, 400, 0);
        }
        return answer(
                parameters,
                request,
                typed.ticket(),
                login.secondStep(user.get(), typed.code().strip(), clientAddress, opening));
    }

    private Authorization.Step answer(
            Map<String, List<String>> parameters,
            AuthorizationRequest.Valid request,
            String ticket,
            Login.Outcome<SsoSessions.Opened> outcome) {
        if (outcome instanceof Login.Outcome.SignedIn<SsoSessions.Opened> signedIn) {
            if (ticket != null) {
                pending.close(ticket);
            }
            return authorization.codeFor(request, signedIn.session().session(), signedIn.session());
        }
        if (outcome instanceof Login.Outcome.Throttled<SsoSessions.Opened> throttled) {
            return Authorization.form(
                    parameters,
                    request,
                    ticket,
                    "Too many failed sign-ins from your address. Try again later.",
                    429,
                    throttled.retryAfterSeconds());
        }
        if (outcome instanceof Login.Outcome.SecondFactorRequired<SsoSessions.Opened> second
                && !second.factors().contains(SecondFactors.TOTP)) {
            // A passkey needs the browser's WebAuthn API, and this page runs no script.
            return Authorization.form(parameters, request, PASSKEY_ONLY, 401, 0);
        }
        if (outcome instanceof Login.Outcome.SecondFactorRequired<SsoSessions.Opened> second) {
            return second.refused()
                    ? Authorization.form(parameters, request, ticket, "The code is incorrect or already used.", 401, 0)
                    : Authorization.form(
                            parameters, request, pending.open(second.user().id()), ASK_CODE, 200, 0);
        }
        return Authorization.form(parameters, request, "The username or password is incorrect.", 401, 0);
    }
}
