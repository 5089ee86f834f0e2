package dev.keycard.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pages Keycard shows on the way to an application: the sign-in form, an error that cannot be
 * sent back, and the sign-out pages. Plain HTML forms that work without JavaScript, in the look of
 * Keycard's own page (its stylesheet); every value from a request is escaped, and an error page
 * quotes nothing the request said.
 */
final class HostedPages {

    private HostedPages() {}

    /**
     * The sign-in form, posting to {@code /oauth2/sign-in} with the authorization request's
     * parameters as hidden fields and the anti-forgery value.
     */
    static String signIn(Authorization.SignInForm form, String antiForgery) {
        if (form.ticket() != null) {
            return secondStep(form, antiForgery);
        }
        String hidden = hidden(form.request());
        String problem = form.problem() == null
                ? ""
                : "\n      <p class=\"error\" role=\"alert\">" + escape(form.problem()) + "</p>";
        String hint = form.loginHint() == null ? "" : " value=\"" + escape(form.loginHint()) + "\"";
        return page("Sign in", """
                <section class="card narrow">
                    <h1>Sign in</h1>
                    <p class="lead">to continue to the application.</p>
                    <form method="post" action="/oauth2/sign-in">%s
                      <input type="hidden" name="csrf" value="%s">%s
                      <label>Username <input id="username" name="username" autocomplete="username" required autofocus%s></label>
                      <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
                      <button type="submit">Sign in</button>
                    </form>
                  </section>""".formatted(hidden, escape(antiForgery), problem, hint));
    }

    /**
     * The second step, for a user with a second factor: the ticket of the sign-in whose password
     * matched, and the code. The password is not in the page.
     */
    private static String secondStep(Authorization.SignInForm form, String antiForgery) {
        String problem = form.problem() == null
                ? ""
                : "\n      <p class=\"" + (form.status() == 200 ? "hint" : "error") + "\" role=\"alert\">"
                        + escape(form.problem()) + "</p>";
        return page("Second factor", """
                <section class="card narrow">
                    <h1>Second factor</h1>
                    <form method="post" action="/oauth2/sign-in">%s
                      <input type="hidden" name="csrf" value="%s">
                      <input type="hidden" name="ticket" value="%s">%s
                      <label>Code <input id="code" name="code" autocomplete="one-time-code" spellcheck="false" required autofocus></label>
                      <button type="submit">Continue</button>
                    </form>
                  </section>""".formatted(
                        hidden(form.request()), escape(antiForgery), escape(form.ticket()), problem));
    }

    static String error(String reason) {
        return page("Cannot sign in", """
                <section class="card narrow">
                    <h1>Cannot continue</h1>
                    <p class="error" role="alert">%s</p>
                    <p class="hint">Go back to the application and try again; if it keeps happening, tell its administrator.</p>
                  </section>""".formatted(escape(reason)));
    }

    /** Asks before signing out: a link from anywhere must not be able to sign a user out. */
    static String confirmSignOut(Map<String, String> carried, String antiForgery) {
        return page("Sign out", """
                <section class="card narrow">
                    <h1>Sign out?</h1>
                    <p class="lead">You will be signed out of Keycard and of the applications you signed in to with it.</p>
                    <form method="post" action="/oauth2/logout">%s
                      <input type="hidden" name="csrf" value="%s">
                      <button type="submit">Sign out</button>
                    </form>
                  </section>""".formatted(hidden(carried), escape(antiForgery)));
    }

    static String signedOut() {
        return page("Signed out", """
                <section class="card narrow">
                    <h1>Signed out</h1>
                    <p class="lead">You are signed out of Keycard. You can close this window.</p>
                  </section>""");
    }

    /**
     * The sign-in page's Content-Security-Policy: Keycard's own, except that the form may lead to
     * the application's origin, since browsers hold the redirect after a form post to form-action.
     */
    static String policyAllowingFormTo(String redirectUri) {
        URI uri = URI.create(redirectUri);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' " + origin
                + "; base-uri 'none'; frame-ancestors 'none'";
    }

    private static String hidden(Map<String, String> fields) {
        StringBuilder hidden = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            hidden.append("\n      <input type=\"hidden\" name=\"")
                    .append(escape(field.getKey()))
                    .append("\" value=\"")
                    .append(escape(field.getValue()))
                    .append("\">");
        }
        return hidden.toString();
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s · Keycard</title>
                  <link rel="icon" href="data:,">
                  <link rel="stylesheet" href="/assets/app.css">
                </head>
                <body>
                <header class="bar"><span class="brand">Keycard</span></header>
                <main>
                  %s
                </main>
                </body>
                </html>
                """.formatted(escape(title), body);
    }

    /**
     * The request's parameters (query or form) but the page's own fields, each with every value
     * it was given; a request that is not validly URL-encoded gets an error page (400).
     */
    static Map<String, List<String>> parameters(HttpServletRequest http, Set<String> except) {
        Map<String, String[]> sent;
        try {
            sent = http.getParameterMap();
        } catch (IllegalArgumentException | IllegalStateException unreadable) {
            throw new WebApplicationException(
                    response(400, error("The request's parameters are not validly URL-encoded."))
                            .build());
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        sent.forEach((name, values) -> {
            if (!except.contains(name)) {
                parameters.put(name, Arrays.asList(values));
            }
        });
        return parameters;
    }

    /** A page as an answer: HTML, never cached (it may hold a form's anti-forgery value). */
    static Response.ResponseBuilder response(int status, String html) {
        return Response.status(status)
                .type("text/html; charset=utf-8")
                .entity(html)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
