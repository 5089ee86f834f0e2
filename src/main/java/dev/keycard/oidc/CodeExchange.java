package dev.keycard.oidc;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.auth.SignIns;
import dev.keycard.client.ClientMetadata;
import dev.keycard.client.ServiceClient;
import dev.keycard.mfa.SecondFactorPolicy;
import dev.keycard.sso.SsoSession;
import dev.keycard.sso.SsoSessions;
import dev.keycard.token.Sessions;
import dev.keycard.token.Sessions.Grant;
import dev.keycard.token.TokenFamily;
import dev.keycard.token.TokenIssuer;
import dev.keycard.token.TokenIssuer.IssuedToken;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The token endpoint for applications: an authorization code for tokens (OpenID Connect Core 1.0
 * §3.1.3), and a refresh token for new ones (RFC 6749 §6) through the same rotation and reuse
 * detection as Keycard's own login, in a family of its own per client and sign-in. Refusals are
 * returned, not thrown, so that what a refusal revokes (a replayed code's tokens) is committed.
 */
@ApplicationScoped
public class CodeExchange {

    private static final String BAD_CODE =
            "The authorization code is invalid, expired, already used, or was issued for another client or "
                    + "redirect_uri, or the code_verifier does not match.";
    private static final String BAD_REFRESH =
            "The refresh token is invalid, expired, revoked or already used, or was issued to another client.";

    @Inject
    SecondFactorPolicy policy;

    @Inject
    AuthorizationCodes codes;

    @Inject
    Sessions sessions;

    @Inject
    SignIns signIns;

    @Inject
    SsoSessions ssoSessions;

    @Inject
    UserRepository users;

    @Inject
    TokenIssuer issuer;

    @Inject
    AuditLog audit;

    /** What the exchange came to. */
    public sealed interface Exchange permits Issued, Refused {}

    /** {@code refresh} is null when the client may not refresh. */
    public record Issued(IssuedToken access, Grant refresh, String idToken, String scope) implements Exchange {}

    /** An RFC 6749 §5.2 error: {@code invalid_grant} or {@code unauthorized_client}. */
    public record Refused(String error, String description) implements Exchange {}

    /**
     * Redeems a code for the client that authenticated. The bindings are checked before the code
     * is spent, so a wrong client, redirect URI or verifier changes nothing; a second redemption is
     * refused and revokes the tokens the first one got (RFC 6749 §4.1.2).
     */
    @Transactional
    public Exchange redeem(
            ServiceClient client,
            String code,
            String redirectUri,
            String verifier,
            String userAgent,
            String clientAddress) {
        if (!client.allows(ClientMetadata.AUTHORIZATION_CODE)) {
            return new Refused(
                    "unauthorized_client", "This client is not registered for the authorization_code grant.");
        }
        Optional<AuthorizationCode> found = codes.find(code);
        if (found.isEmpty()) {
            return new Refused("invalid_grant", BAD_CODE);
        }
        AuthorizationCode stored = found.get();
        if (!stored.clientId().equals(client.clientId())) {
            return new Refused("invalid_grant", BAD_CODE); // another client's code: nothing changes
        }
        if (stored.isRedeemed()) {
            return replayed(stored);
        }
        boolean pkce = stored.codeChallenge() == null
                // A verifier for a code issued without a challenge is a downgrade attempt (RFC 9700 §2.1.1).
                ? verifier == null
                : verifier != null && Pkce.verifies(verifier, stored.codeChallenge());
        if (stored.isExpired(Instant.now()) || !stored.redirectUri().equals(redirectUri) || !pkce) {
            return new Refused("invalid_grant", BAD_CODE);
        }
        if (!codes.redeem(stored)) {
            return replayed(stored); // a concurrent redemption won
        }
        Optional<User> user = users.findForToken(stored.userId()).filter(User::enabled);
        Optional<SsoSession> session = ssoSessions.keepAlive(stored.ssoSessionId());
        if (user.isEmpty() || session.isEmpty()) {
            // Signed out (or disabled) between the redirect and the exchange.
            return new Refused("invalid_grant", BAD_CODE);
        }
        Grant grant = sessions.open(
                stored.userId(),
                new Sessions.Party(
                        client.clientId(),
                        stored.ssoSessionId(),
                        stored.scope(),
                        stored.authTime(),
                        stored.amr(),
                        session.get().expiresAt()),
                userAgent,
                clientAddress);
        codes.opened(stored, grant.family().id());
        audit.record(
                AuditType.CODE_EXCHANGE,
                user.get().username(),
                user.get().id(),
                "client " + client.clientId() + ", family " + grant.family().id() + ", SSO session "
                        + stored.ssoSessionId());
        return issue(client, user.get(), grant, stored.nonce());
    }

    /**
     * A refresh token of this client's families for new tokens, while the SSO session it came from
     * lives (a refresh is use of it: it keeps it from idling out); the ID token comes without a
     * nonce. A session found lapsed is ended then, with everything issued under it.
     */
    public Exchange refresh(ServiceClient client, String refreshToken) {
        if (!client.allows(ClientMetadata.REFRESH_TOKEN)) {
            return new Refused("unauthorized_client", "This client is not registered for the refresh_token grant.");
        }
        if (refreshToken.length() > Sessions.MAX_REFRESH_TOKEN_CHARS) {
            return new Refused("invalid_grant", BAD_REFRESH);
        }
        Optional<String> ssoSession =
                sessions.familyOf(refreshToken).flatMap(sessions::family).map(TokenFamily::ssoSessionId);
        if (ssoSession.isPresent() && ssoSessions.keepAlive(ssoSession.get()).isEmpty()) {
            return new Refused("invalid_grant", BAD_REFRESH);
        }
        return signIns.<Exchange>refresh(
                        refreshToken, client.clientId(), (user, grant) -> issue(client, user, grant, null))
                .orElse(new Refused("invalid_grant", BAD_REFRESH));
    }

    private Exchange replayed(AuthorizationCode stored) {
        codes.familyOpenedBy(stored).ifPresent(sessions::revoke);
        audit.record(
                AuditType.CODE_REUSE,
                null,
                stored.userId(),
                "authorization code for client " + stored.clientId()
                        + " presented again: the tokens it was exchanged for are revoked");
        return new Refused("invalid_grant", BAD_CODE);
    }

    private Issued issue(ServiceClient client, User user, Grant grant, String nonce) {
        TokenFamily family = grant.family();
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(family.scope().split(" ")));
        TokenIssuer.Application app = new TokenIssuer.Application(
                client.clientId(),
                client.audience(),
                scopes,
                family.id(),
                family.ssoSessionId(),
                family.authTime(),
                family.amr());
        Set<String> roles = policy.rolesFor(user.roles(), family.amr());
        IssuedToken access = issuer.issueForApplication(user.id(), user.username(), roles, user.attributes(), app);
        String idToken = issuer.idToken(user.id(), app, nonce, access.value(), Userinfo.released(user, roles, scopes));
        return new Issued(access, client.allows(ClientMetadata.REFRESH_TOKEN) ? grant : null, idToken, family.scope());
    }
}
