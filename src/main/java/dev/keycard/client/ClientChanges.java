package dev.keycard.client;

import dev.keycard.RoleName;
import java.util.List;
import java.util.Set;

/**
 * {@code PATCH /api/admin/clients/{id}}: any of these; what is absent stays. A list given replaces
 * the one stored ({@code []} empties it). {@code token_endpoint_auth_method} is fixed at
 * registration: whether a client has a secret does not change.
 */
public record ClientChanges(
        Boolean enabled,
        Set<@RoleName String> roles,
        @ClientMetadata.Name String clientName,
        @ClientMetadata.Uris List<@RedirectUri String> redirectUris,
        @ClientMetadata.Uris List<@RedirectUri String> postLogoutRedirectUris,
        Set<@ClientMetadata.GrantType String> grantTypes,
        @ClientMetadata.Scope String scope,
        @RedirectUri String backchannelLogoutUri,
        @ClientMetadata.Audience String audience) {}
