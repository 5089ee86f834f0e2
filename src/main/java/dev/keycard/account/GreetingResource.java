package dev.keycard.account;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * {@code GET /api/greeting}: public, but personal when a valid token comes along (Flask-JWT-Extended's
 * {@code jwt_required(optional=True)}). A token that is present but invalid never reaches this
 * method: Liberty refuses it with 401 ({@code trustAssociation invokeForUnprotectedURI} in server.xml).
 */
@Path("api/greeting")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class GreetingResource {

    @Context
    SecurityContext security;

    @GET
    @PermitAll
    public Greeting greet() {
        Principal caller = security.getUserPrincipal();
        return caller == null
                ? new Greeting("Hello, stranger!", null)
                : new Greeting("Hello, " + caller.getName() + "!", caller.getName());
    }

    public record Greeting(String message, String username) {}
}
