package dev.keycard.oauth2;

import dev.keycard.client.ServiceClient;
import dev.keycard.client.ServiceClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Client authentication for the OAuth endpoints (RFC 6749 §2.3.1): HTTP Basic with the
 * form-urlencoded id and secret, or {@code client_id} and {@code client_secret} form fields - one
 * method per request, never both.
 */
@ApplicationScoped
public class ClientAuthentication {

    @Inject
    ServiceClients clients;

    /**
     * The client making a token request: authenticated by its secret, or a public client naming
     * itself with {@code client_id} alone (RFC 6749 §2.3, §4.1.3), which PKCE then holds to its code.
     */
    public ServiceClient identify(HttpServletRequest http) {
        String header = http.getHeader("Authorization");
        String formId = http.getParameter("client_id");
        if (header == null && formId != null && http.getParameter("client_secret") == null) {
            return clients.known(formId)
                    .filter(ServiceClient::isPublic)
                    .filter(ServiceClient::enabled)
                    .orElseThrow(OAuthError::invalidClient);
        }
        return require(http);
    }

    /** A client authenticated by its secret. */
    public ServiceClient require(HttpServletRequest http) {
        String header = http.getHeader("Authorization");
        String formId = http.getParameter("client_id");
        String formSecret = http.getParameter("client_secret");
        boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic && (formId != null || formSecret != null)) {
            throw OAuthError.invalidRequest("Use one client authentication method, not two.");
        }
        String id = formId;
        String secret = formSecret;
        if (basic) {
            try {
                String pair = new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon < 0) {
                    throw OAuthError.invalidClient();
                }
                id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
                secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                throw OAuthError.invalidClient();
            }
        }
        return clients.authenticate(id, secret).orElseThrow(OAuthError::invalidClient);
    }
}
