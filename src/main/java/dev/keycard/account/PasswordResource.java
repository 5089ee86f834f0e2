package dev.keycard.auth;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.user.PasswordPolicy;
import dev.keycard.user.UserAccounts;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code POST /api/me/password}: a sensitive operation, so it needs a fresh login as well as the
 * current password. Every other session of the user ends; the one making the change stays.
 */
@Path("api/me/password")
@RequestScoped
@DenyAll
@SecurityRequirement(name = "bearer")
public class PasswordResource {

    @Inject
    UserAccounts accounts;

    @Inject
    JsonWebToken jwt;

    @Inject
    PasswordPolicy policy;

    @POST
    @FreshLogin
    @RolesAllowed({"user", "admin"})
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"current_password", "new_password"}, properties = {
                    @SchemaProperty(name = "current_password", type = SchemaType.STRING),
                    @SchemaProperty(name = "new_password", type = SchemaType.STRING)})))
    public void change(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object with current_password "
                    + "and new_password.");
        }
        JsonObject object = body.asJsonObject();
        String current = string(object, "current_password");
        String replacement = string(object, "new_password");
        policy.require(replacement, "new_password");
        UserAccounts.PasswordChange outcome = accounts.changePassword(jwt.getSubject(), jwt.getClaim("sid"),
                current, replacement);
        switch (outcome) {
            case CHANGED -> { }
            // 403, not 401: the access token is fine, and a client must not throw it away.
            case WRONG_PASSWORD -> throw new ProblemException(ProblemType.WRONG_PASSWORD,
                    "current_password is incorrect.");
            case NO_SUCH_USER -> throw new ProblemException(ProblemType.NOT_FOUND, "Your account no longer exists.");
        }
    }

    private static String string(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            throw ProblemException.badRequest(field + " is required and must be a string.");
        }
        return ((JsonString) value).getString();
    }
}
