package dev.keycard.mfa;

import dev.keycard.FreshLogin;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.user.User;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/me/totp}: the caller's authenticator app. Open to a token that may only enrol
 * ({@link SecondFactorPolicy#ENROLMENT_ROLE}): that is what such a token is for.
 */
@Path("api/me/totp")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class TotpResource {

    @Inject
    SecondFactors factors;

    @Inject
    JsonWebToken jwt;

    public record Status(boolean enabled, long recoveryCodesLeft) {}

    public record Recovery(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "Recovery[recoveryCodes=***]";
        }
    }

    @GET
    @RolesAllowed({"user", "admin", SecondFactorPolicy.ENROLMENT_ROLE})
    public Status status() {
        User user = caller();
        boolean enabled = factors.of(user.id()).contains(SecondFactors.TOTP);
        return new Status(enabled, enabled ? factors.recoveryCodesLeft(user.id()) : 0);
    }

    /**
     * A new secret and its otpauth URI; not a factor until confirmed with a code. Adding a way to
     * sign in needs a fresh sign-in, made with the second factor the user already has, if any.
     */
    @POST
    @FreshLogin
    @RolesAllowed({"user", "admin", SecondFactorPolicy.ENROLMENT_ROLE})
    public Response enrol() {
        return factors.enrol(caller())
                .map(enrolment -> Response.status(Response.Status.CREATED)
                        .entity(enrolment)
                        .build())
                .orElseThrow(() -> new ProblemException(
                        ProblemType.CONFLICT, "An authenticator app is set up already: remove it first."));
    }

    /**
     * The first code from the app: it becomes a factor, the recovery codes are shown this once, and
     * every other session of the user ends (whoever opened one may have known the password alone).
     */
    @POST
    @FreshLogin
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"user", "admin", SecondFactorPolicy.ENROLMENT_ROLE})
    public Recovery confirm(TotpCode request) {
        SecondFactors.Confirmation confirmation = factors.confirm(caller(), request.code(), jwt.getClaim("sid"));
        if (confirmation instanceof SecondFactors.Confirmation.Confirmed confirmed) {
            return new Recovery(confirmed.recoveryCodes());
        }
        if (confirmation instanceof SecondFactors.Confirmation.WrongCode) {
            throw ProblemException.invalidField("code", "is not the app's current code");
        }
        throw new ProblemException(ProblemType.CONFLICT, "No authenticator app is being set up: start with POST.");
    }

    @DELETE
    @FreshLogin
    @RolesAllowed({"user", "admin"})
    public Response remove() {
        if (!factors.removeTotp(caller())) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No authenticator app is set up.");
        }
        return Response.noContent().build();
    }

    private User caller() {
        return factors.account(jwt.getSubject())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "Your account no longer exists."));
    }
}
