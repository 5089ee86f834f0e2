package dev.keycard.client;

import java.time.Instant;
import java.util.List;

/** A service client as the admin API shows it, with its secret only in the answer that made it. */
public record ClientView(String clientId, String clientSecret, List<String> roles, boolean enabled, Instant created) {

    static ClientView of(ServiceClient client) {
        return new ClientView(
                client.clientId(), null, List.copyOf(client.roles()), client.enabled(), client.createdAt());
    }

    static ClientView of(ServiceClients.Registered registered) {
        ServiceClient client = registered.client();
        return new ClientView(
                client.clientId(),
                registered.secret(),
                List.copyOf(client.roles()),
                client.enabled(),
                client.createdAt());
    }

    @Override
    public String toString() {
        return "ClientView[clientId=" + clientId + "]";
    }
}
