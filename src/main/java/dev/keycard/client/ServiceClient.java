package dev.keycard.client;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A registered client: a service that gets tokens for itself (client credentials; the token's
 * subject is the client id, its roles the groups), an application that signs users in (the
 * authorization code grant, to its registered redirect URIs), or both.
 */
@Entity
@Table(name = "service_clients")
public class ServiceClient {

    @Id
    @Column(name = "client_id")
    private String clientId;

    /** Null for a public client. */
    @Column(name = "secret_hash")
    private String secretHash;

    private boolean enabled;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "service_client_roles", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "role")
    private Set<String> roles = new TreeSet<>();

    @Column(name = "client_name")
    private String clientName;

    @Column(name = "auth_method")
    private String authMethod;

    /** Space-separated, in the order registered. */
    @Column(name = "grant_types")
    private String grantTypes;

    private String scope;

    @Column(name = "backchannel_logout_uri")
    private String backchannelLogoutUri;

    private String audience;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_redirect_uris", joinColumns = @JoinColumn(name = "client_id"))
    @OrderColumn(name = "position")
    @Column(name = "uri")
    private List<String> redirectUris = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_post_logout_uris", joinColumns = @JoinColumn(name = "client_id"))
    @OrderColumn(name = "position")
    @Column(name = "uri")
    private List<String> postLogoutRedirectUris = new ArrayList<>();

    protected ServiceClient() {}

    /** A new client, not yet stored: {@link ServiceClients#register} stores it. */
    public ServiceClient(NewClient registration, String secretHash) {
        this.clientId = registration.clientId();
        this.secretHash = secretHash;
        this.enabled = true;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.authMethod = registration.tokenEndpointAuthMethod();
        take(registration);
    }

    public String clientId() {
        return clientId;
    }

    String secretHash() {
        return secretHash;
    }

    /** A public client: no secret, PKCE instead. */
    public boolean isPublic() {
        return secretHash == null;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public Set<String> roles() {
        return new TreeSet<>(roles);
    }

    public String clientName() {
        return clientName;
    }

    public String tokenEndpointAuthMethod() {
        return authMethod;
    }

    public Set<String> grantTypes() {
        return grantTypes.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(grantTypes.split(" ")));
    }

    public boolean allows(String grantType) {
        return grantTypes().contains(grantType);
    }

    public String scope() {
        return scope;
    }

    public String backchannelLogoutUri() {
        return backchannelLogoutUri;
    }

    /** The audience its users' access tokens carry; null for Keycard's own. */
    public String audience() {
        return audience;
    }

    /** Compared byte for byte with the {@code redirect_uri} of a request. */
    public List<String> redirectUris() {
        return List.copyOf(redirectUris);
    }

    public List<String> postLogoutRedirectUris() {
        return List.copyOf(postLogoutRedirectUris);
    }

    /** The registration this client would have with the changes: to hold a change to the same rules. */
    NewClient registrationWith(ClientChanges changes) {
        return new NewClient(
                clientId,
                changes.roles() != null ? changes.roles() : roles,
                changes.clientName() != null ? changes.clientName() : clientName,
                changes.redirectUris() != null ? changes.redirectUris() : redirectUris,
                changes.postLogoutRedirectUris() != null ? changes.postLogoutRedirectUris() : postLogoutRedirectUris,
                changes.grantTypes() != null ? changes.grantTypes() : grantTypes(),
                authMethod,
                changes.scope() != null ? changes.scope() : scope,
                changes.backchannelLogoutUri() != null ? changes.backchannelLogoutUri() : backchannelLogoutUri,
                changes.audience() != null ? changes.audience() : audience);
    }

    void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    /** The changes made, as {@link #registrationWith} describes the result (defaults included). */
    void apply(ClientChanges changes) {
        if (changes.enabled() != null) {
            enabled = changes.enabled();
        }
        take(registrationWith(changes));
    }

    /** Everything a registration sets but the id and the authentication method, which never change. */
    private void take(NewClient registration) {
        roles = new TreeSet<>(registration.roles());
        clientName = registration.clientName();
        redirectUris = new ArrayList<>(registration.redirectUris());
        postLogoutRedirectUris = new ArrayList<>(registration.postLogoutRedirectUris());
        grantTypes = String.join(" ", registration.grantTypes());
        scope = registration.scope();
        backchannelLogoutUri = registration.backchannelLogoutUri();
        audience = registration.audience();
    }
}
