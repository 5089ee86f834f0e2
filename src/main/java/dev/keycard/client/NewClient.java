package dev.keycard.client;

import dev.keycard.RoleName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/admin/clients}: a client, in the metadata names of RFC 7591 where it has them.
 * {@code {"client_id": "billing", "roles": ["user"]}} is a service client (client credentials), as
 * it always was; one with {@code redirect_uris} is an application that signs users in through
 * Keycard (authorization code and refresh token unless {@code grant_types} says otherwise).
 * Without {@code token_endpoint_auth_method} a client has a secret; {@code "none"} makes a public
 * client (a single-page or native app), which has none and must use PKCE.
 */
@ConsistentClient
public record NewClient(
        @NotNull(message = "is required")
        @Pattern(regexp = ClientMetadata.CLIENT_ID, message = ClientMetadata.CLIENT_ID_RULE)
        String clientId,

        Set<@RoleName String> roles,
        @ClientMetadata.Name String clientName,
        @ClientMetadata.Uris List<@RedirectUri String> redirectUris,
        @ClientMetadata.Uris List<@RedirectUri String> postLogoutRedirectUris,
        Set<@ClientMetadata.GrantType String> grantTypes,

        @Pattern(
                regexp = ClientMetadata.CLIENT_SECRET_BASIC + "|" + ClientMetadata.CLIENT_SECRET_POST + "|"
                        + ClientMetadata.NONE,
                message = "must be client_secret_basic, client_secret_post or none")
        String tokenEndpointAuthMethod,

        @ClientMetadata.Scope String scope,
        @RedirectUri String backchannelLogoutUri,
        @ClientMetadata.Audience String audience) {

    public NewClient {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
        if (grantTypes == null) {
            grantTypes = redirectUris.isEmpty()
                    ? Set.of(ClientMetadata.CLIENT_CREDENTIALS)
                    : new LinkedHashSet<>(List.of(ClientMetadata.AUTHORIZATION_CODE, ClientMetadata.REFRESH_TOKEN));
        }
        grantTypes = Collections.unmodifiableSet(new LinkedHashSet<>(grantTypes));
        if (tokenEndpointAuthMethod == null) {
            tokenEndpointAuthMethod = ClientMetadata.CLIENT_SECRET_BASIC;
        }
        if (scope == null && grantTypes.contains(ClientMetadata.AUTHORIZATION_CODE)) {
            scope = ClientMetadata.DEFAULT_SCOPE;
        }
    }

    /** A service client with these roles: what the API took before applications could register. */
    public NewClient(String clientId, Set<String> roles) {
        this(clientId, roles, null, null, null, null, null, null, null, null);
    }
}
