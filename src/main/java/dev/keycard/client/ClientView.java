package dev.keycard.client;

import java.time.Instant;
import java.util.List;

/**
 * A client as the admin API shows it (RFC 7591 names), with its secret only in the answer that
 * made it. {@code audience} is absent when its tokens carry Keycard's own.
 */
public record ClientView(
        String clientId,
        String clientSecret,
        String clientName,
        List<String> roles,
        boolean enabled,
        Instant created,
        List<String> grantTypes,
        String tokenEndpointAuthMethod,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        String scope,
        String backchannelLogoutUri,
        String audience) {

    static ClientView of(ServiceClient client) {
        return of(client, null);
    }

    static ClientView of(ServiceClients.Registered registered) {
        return of(registered.client(), registered.secret());
    }

    private static ClientView of(ServiceClient client, String secret) {
        return new ClientView(
                client.clientId(),
                secret,
                client.clientName(),
                List.copyOf(client.roles()),
                client.enabled(),
                client.createdAt(),
                List.copyOf(client.grantTypes()),
                client.tokenEndpointAuthMethod(),
                client.redirectUris(),
                client.postLogoutRedirectUris(),
                client.scope(),
                client.backchannelLogoutUri(),
                client.audience());
    }

    @Override
    public String toString() {
        return "ClientView[clientId=" + clientId + "]";
    }
}
