package example.sso;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Signs out here and at Keycard (OpenID Connect RP-Initiated Logout 1.0). Liberty's openidConnectClient
 * ends only the local session on {@code request.logout()}; it never calls the provider's
 * end_session_endpoint, so this redirects the browser there itself, with id_token_hint, client_id and
 * post_logout_redirect_uri (which must be registered for the client at Keycard). POST only, so that
 * another site cannot sign the user out with a link; GET answers a one-button form.
 */
@WebServlet("/logout")
public class SignOutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.getWriter()
                .write("<!DOCTYPE html><title>Sign out</title>"
                        + "<form method=\"post\"><button id=\"sign-out\">Sign out</button></form>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        SignedInTokens tokens = SignedInTokens.current().orElse(null);
        request.logout(); // Liberty: drops the LTPA cookie, the cached Subject and the WASOidcSession cookie
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String signedOut = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath() + "/signed-out";
        if (tokens == null || tokens.idToken() == null) {
            response.sendRedirect(signedOut);
            return;
        }
        JsonObject idToken = Keycard.claims(tokens.idToken());
        String endSession;
        try {
            endSession = Keycard.discovery(idToken.getString("iss")).getString("end_session_endpoint", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException(e);
        }
        if (endSession == null) {
            response.sendRedirect(signedOut);
            return;
        }
        String clientId = idToken.containsKey("azp")
                ? idToken.getString("azp")
                : idToken.get("aud") instanceof JsonString aud
                        ? aud.getString()
                        : idToken.getJsonArray("aud").getString(0);
        response.sendRedirect(endSession + (endSession.contains("?") ? "&" : "?")
                + "id_token_hint=" + encode(tokens.idToken())
                + "&client_id=" + encode(clientId)
                + "&post_logout_redirect_uri=" + encode(signedOut));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
