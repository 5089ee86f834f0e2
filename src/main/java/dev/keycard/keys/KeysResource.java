package dev.keycard.keys;

import dev.keycard.FreshLogin;
import dev.keycard.JsonFormat;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/admin/keys}: the signing keys with their states and times, rotation on demand, and
 * the revocation of a compromised key.
 */
@Path("api/admin/keys")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class KeysResource {

    @Inject
    SigningKeys keys;

    @Inject
    JsonWebToken caller;

    @GET
    public List<SigningKeys.KeyInfo> list() {
        return keys.list();
    }

    /** 202: the new key is published now and signs after the publish-ahead time. */
    @POST
    @Path("rotate")
    @Consumes(MediaType.WILDCARD)
    @FreshLogin
    public Response rotate() {
        String kid = keys.rotate(caller.getName(), caller.getSubject())
                .orElseThrow(() -> new ProblemException(
                        ProblemType.CONFLICT,
                        "The signing key comes from keycard.keys.location: rotate it by replacing that file."));
        return Response.accepted(JsonFormat.object().add("kid", kid).build().toString())
                .build();
    }

    /** The revoked key, and the key that signs from now on. */
    public record RevokedKey(String kid, String signingKid) {}

    /**
     * 200 (also when it already was revoked, so that a retry is safe): the key is withdrawn on this
     * node now and on every node within the key refresh interval. A fresh login, because a stolen
     * admin token must not be able to churn the keys every service has to fetch.
     */
    @POST
    @Path("{kid}/revoke")
    @FreshLogin
    @Consumes(MediaType.WILDCARD)
    public RevokedKey revoke(@PathParam("kid") String kid) {
        SigningKeys.Revocation outcome = keys.revoke(kid, caller.getName(), caller.getSubject());
        if (outcome instanceof SigningKeys.Revoked revoked) {
            return new RevokedKey(revoked.kid(), revoked.signingKid());
        }
        if (outcome instanceof SigningKeys.ConfiguredKey) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "The signing key comes from keycard.keys.location: withdraw it by replacing that file.");
        }
        throw new ProblemException(ProblemType.NOT_FOUND, "No signing key has this kid.");
    }
}
