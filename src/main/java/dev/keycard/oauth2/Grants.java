package dev.keycard.oauth2;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.client.ClientMetadata;
import dev.keycard.client.ServiceClient;
import dev.keycard.token.TokenIssuer;
import dev.keycard.token.TokenIssuer.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What the token endpoint grants an authenticated client: today, client credentials (RFC 6749 §4.4). */
@ApplicationScoped
public class Grants {

    @Inject
    TokenIssuer issuer;

    @Inject
    AuditLog audit;

    /** An access token for the client itself, whose roles it carries; no session, no refresh token. */
    public IssuedToken issue(String grantType, ServiceClient client) {
        if (!ClientMetadata.CLIENT_CREDENTIALS.equals(grantType)) {
            throw new OAuthError(
                    400,
                    "unsupported_grant_type",
                    "The token endpoint supports grant_type=authorization_code, refresh_token and client_credentials.");
        }
        if (!client.allows(ClientMetadata.CLIENT_CREDENTIALS)) {
            throw new OAuthError(
                    400, "unauthorized_client", "This client is not registered for the client_credentials grant.");
        }
        IssuedToken token = issuer.issueForClient(client.clientId(), client.roles());
        audit.record(AuditType.CLIENT_TOKEN, null, client.clientId(), null);
        return token;
    }
}
