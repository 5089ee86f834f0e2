package dev.keycard.oidc;

import dev.keycard.sso.SsoCookie;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /oauth2/logout}, the end-session endpoint: an application's sign-out request by GET or
 * POST, and the confirmation form Keycard shows when the request carries no ID token.
 */
@Path("oauth2/logout")
@RequestScoped
@DenyAll
@Produces(MediaType.TEXT_HTML)
public class EndSessionResource {

    private static final Set<String> FORM_FIELDS = Set.of("csrf");

    @Inject
    EndSession endSession;

    @Inject
    SsoCookie cookies;

    @Context
    HttpServletRequest http;

    @GET
    @PermitAll
    public Response request() {
        return answer(endSession.request(
                HostedPages.parameters(http, FORM_FIELDS), cookies.session(http).orElse(null)));
    }

    /** An application's POST, or the user's confirmation (which carries the form's anti-forgery value). */
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post() {
        Map<String, List<String>> parameters = HostedPages.parameters(http, FORM_FIELDS);
        if (http.getParameter("csrf") == null) {
            return answer(endSession.request(parameters, cookies.session(http).orElse(null)));
        }
        if (!cookies.postedFromKeycardsForm(http)) {
            return HostedPages.response(
                            403,
                            HostedPages.error("This sign-out form has expired or was not sent from Keycard's page."))
                    .build();
        }
        return answer(endSession.confirmed(parameters, cookies.session(http).orElse(null)));
    }

    private Response answer(EndSession.Step step) {
        if (step instanceof EndSession.Redirect redirect) {
            return Response.status(302)
                    .header(HttpHeaders.LOCATION, redirect.location())
                    .header(HttpHeaders.SET_COOKIE, cookies.cleared())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        }
        if (step instanceof EndSession.SignedOut) {
            return HostedPages.response(200, HostedPages.signedOut())
                    .header(HttpHeaders.SET_COOKIE, cookies.cleared())
                    .build();
        }
        if (step instanceof EndSession.Confirm confirm) {
            String antiForgery = cookies.formValue(http);
            Response.ResponseBuilder response = HostedPages.response(
                            200, HostedPages.confirmSignOut(confirm.carried(), antiForgery))
                    .header(HttpHeaders.SET_COOKIE, cookies.formCookie(antiForgery));
            String destination = confirm.carried().get("post_logout_redirect_uri");
            if (destination != null) {
                response.header("Content-Security-Policy", HostedPages.policyAllowingFormTo(destination));
            }
            return response.build();
        }
        return HostedPages.response(400, HostedPages.error(((EndSession.ErrorPage) step).reason()))
                .build();
    }
}
