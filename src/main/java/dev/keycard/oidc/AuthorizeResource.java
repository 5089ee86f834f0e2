package dev.keycard.oidc;

import dev.keycard.audit.RequestContext;
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
 * {@code /oauth2/authorize} (GET and POST, OpenID Connect Core 1.0 §3.1.2.1) and the hosted
 * sign-in form's {@code POST /oauth2/sign-in}. Answers are HTML pages or redirects, never JSON:
 * a browser is on the other end.
 */
@Path("oauth2")
@RequestScoped
@DenyAll
@Produces(MediaType.TEXT_HTML)
public class AuthorizeResource {

    /** The sign-in form's own fields; everything else it posts is the authorization request. */
    private static final Set<String> SIGN_IN_FIELDS = Set.of("csrf", "username", "password", "ticket", "code");

    @Inject
    Authorization authorization;

    @Inject
    HostedSignIn hostedSignIn;

    @Inject
    SsoCookie cookies;

    @Inject
    RequestContext context;

    @Context
    HttpServletRequest http;

    @GET
    @Path("authorize")
    @PermitAll
    public Response authorize() {
        return answer(
                authorization.authorize(
                        HostedPages.parameters(http, SIGN_IN_FIELDS),
                        cookies.session(http).orElse(null)),
                302);
    }

    @POST
    @Path("authorize")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response authorizeByPost() {
        return authorize();
    }

    /** The hosted form: only with the anti-forgery value of this browser's own form. */
    @POST
    @Path("sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn() {
        Map<String, List<String>> parameters = HostedPages.parameters(http, SIGN_IN_FIELDS);
        if (!cookies.postedFromKeycardsForm(http)) {
            return HostedPages.response(
                            403,
                            HostedPages.error("This sign-in form has expired or was not sent from Keycard's page."))
                    .build();
        }
        Authorization.Step step = hostedSignIn.signIn(
                parameters,
                new HostedSignIn.Typed(
                        http.getParameter("username"),
                        http.getParameter("password"),
                        http.getParameter("ticket"),
                        http.getParameter("code")),
                cookies.session(http).orElse(null),
                http.getHeader(HttpHeaders.USER_AGENT),
                context.clientAddress());
        // 303: the browser follows a redirect after a form post with a GET.
        return answer(step, 303);
    }

    private Response answer(Authorization.Step step, int redirectStatus) {
        if (step instanceof Authorization.Redirect redirect) {
            Response.ResponseBuilder response =
                    Response.status(redirectStatus).header(HttpHeaders.LOCATION, redirect.location());
            if (redirect.session() != null) {
                response.header(HttpHeaders.SET_COOKIE, cookies.issue(redirect.session()));
            }
            return response.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        if (step instanceof Authorization.SignInForm form) {
            String antiForgery = cookies.formValue(http);
            Response.ResponseBuilder response = HostedPages.response(
                            form.status(), HostedPages.signIn(form, antiForgery))
                    .header(HttpHeaders.SET_COOKIE, cookies.formCookie(antiForgery))
                    .header("Content-Security-Policy", HostedPages.policyAllowingFormTo(form.redirectUri()));
            if (form.retryAfter() > 0) {
                response.header(HttpHeaders.RETRY_AFTER, form.retryAfter());
            }
            return response.build();
        }
        return HostedPages.response(400, HostedPages.error(((Authorization.ErrorPage) step).reason()))
                .build();
    }
}
