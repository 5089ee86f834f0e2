package dev.keycard.keys;

import dev.keycard.JsonFormat;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * OpenID Connect Discovery 1.0 metadata, also served where RFC 8414 looks for it: an application
 * or a downstream service needs only Keycard's issuer URL to find its keys and endpoints. It
 * advertises what works and nothing more. Every
 * URL is built from the configured issuer, never from the request's Host header.
 */
@Path(".well-known")
@RequestScoped
@DenyAll
public class DiscoveryResource {

    @Inject
    @ConfigProperty(name = "keycard.issuer")
    String issuer;

    @Inject
    SigningKeys keys;

    @GET
    @Path("openid-configuration")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response openidConfiguration() {
        return metadata();
    }

    @GET
    @Path("oauth-authorization-server")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorizationServer() {
        return metadata();
    }

    private static JsonArrayBuilder array(String... values) {
        JsonArrayBuilder array = JsonFormat.array();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private Response metadata() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        String algorithm = keys.active().algorithm().name();
        JsonObject metadata = JsonFormat.object()
                .add("issuer", issuer)
                .add("authorization_endpoint", base + "/oauth2/authorize")
                .add("token_endpoint", base + "/oauth2/token")
                .add("userinfo_endpoint", base + "/oauth2/userinfo")
                .add("end_session_endpoint", base + "/oauth2/logout")
                .add("jwks_uri", base + "/.well-known/jwks.json")
                .add("revocation_endpoint", base + "/oauth2/revoke")
                .add("introspection_endpoint", base + "/oauth2/introspect")
                .add("scopes_supported", array("openid", "profile", "email", "roles"))
                .add("response_types_supported", array("code"))
                .add("response_modes_supported", array("query"))
                .add("grant_types_supported", array("authorization_code", "refresh_token", "client_credentials"))
                .add("subject_types_supported", array("public"))
                .add("code_challenge_methods_supported", array("S256"))
                .add("prompt_values_supported", array("none", "login"))
                .add(
                        "token_endpoint_auth_methods_supported",
                        array("client_secret_basic", "client_secret_post", "none"))
                .add("revocation_endpoint_auth_methods_supported", array("none"))
                .add(
                        "introspection_endpoint_auth_methods_supported",
                        array("client_secret_basic", "client_secret_post"))
                .add("id_token_signing_alg_values_supported", array(algorithm))
                .add("access_token_signing_alg_values_supported", array(algorithm))
                .add(
                        "claims_supported",
                        array(
                                "iss",
                                "sub",
                                "aud",
                                "exp",
                                "iat",
                                "auth_time",
                                "nonce",
                                "at_hash",
                                "azp",
                                "amr",
                                "acr",
                                "sid",
                                "jti",
                                "upn",
                                "groups",
                                "preferred_username",
                                "name",
                                "email",
                                "scope",
                                "client_id"))
                .add("acr_values_supported", array("urn:keycard:acr:1fa", "urn:keycard:acr:2fa"))
                .add("claims_parameter_supported", false)
                .add("request_parameter_supported", false)
                .add("request_uri_parameter_supported", false)
                .add("authorization_response_iss_parameter_supported", true)
                .add("backchannel_logout_supported", true)
                .add("backchannel_logout_session_supported", true)
                .add("frontchannel_logout_supported", false)
                .build();
        return Response.ok(metadata.toString())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + JwksResource.MAX_AGE_SECONDS)
                .build();
    }
}
