package dev.keycard.oidc;

import dev.keycard.JsonFormat;
import dev.keycard.bearer.BearerAuthentication;
import dev.keycard.bearer.BearerTokens;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /oauth2/userinfo} (OpenID Connect Core 1.0 §5.3), GET or POST with an application's
 * access token in the Authorization header: {@code sub}, and the claims its scopes release
 * ({@link Userinfo}). The token must carry the {@code openid} scope (else 403
 * {@code insufficient_scope}); its audience is the application's API, so any is accepted here. The
 * user is read now: a disabled or deleted user's token gets 401.
 */
@Path("oauth2/userinfo")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class UserinfoResource {

    @Inject
    BearerTokens bearer;

    @Inject
    Userinfo userinfo;

    private static final String GONE = "The user of this access token no longer exists or is disabled";

    @GET
    @PermitAll
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        BearerTokens.Outcome outcome = bearer.checkAnyAudience(authorization);
        if (outcome instanceof BearerTokens.Refused refused) {
            throw new ProblemException(
                    refused.type(),
                    refused.detail(),
                    HttpHeaders.WWW_AUTHENTICATE,
                    BearerAuthentication.challenge(refused.detail()));
        }
        if (!(outcome instanceof BearerTokens.Accepted accepted)) {
            throw new ProblemException(
                    ProblemType.UNAUTHORIZED,
                    "Send an access token in the Authorization header (Bearer scheme).",
                    HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"keycard\"");
        }
        JsonWebToken token = accepted.token();
        Set<String> scopes = scopes(token);
        if (!scopes.contains("openid")) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN,
                    "The access token was not granted the openid scope.",
                    HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"keycard\", error=\"insufficient_scope\", scope=\"openid\"");
        }
        Map<String, Object> found = userinfo.claims(token.getSubject(), scopes, token.getGroups())
                .orElseThrow(() -> new ProblemException(
                        ProblemType.INVALID_TOKEN,
                        GONE + ".",
                        HttpHeaders.WWW_AUTHENTICATE,
                        BearerAuthentication.challenge(GONE)));
        JsonObjectBuilder claims = JsonFormat.object();
        found.forEach((name, value) -> {
            if (value instanceof Collection<?> values) {
                JsonArrayBuilder array = JsonFormat.array();
                values.forEach(item -> array.add(String.valueOf(item)));
                claims.add(name, array);
            } else {
                claims.add(name, String.valueOf(value));
            }
        });
        return Response.ok(claims.build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @POST
    @PermitAll
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return get(authorization);
    }

    private static Set<String> scopes(JsonWebToken token) {
        Object scope = token.getClaim("scope");
        return scope == null
                ? Set.of()
                : Arrays.stream(scope.toString().replace("\"", "").split(" ")).collect(Collectors.toSet());
    }
}
