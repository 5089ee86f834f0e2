package example.sso;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * The protected page: who signed in, and what Keycard's userinfo endpoint says about them when called with
 * the access token Liberty obtained. Role "users" is mapped to every authenticated user in server.xml.
 */
@WebServlet("/me")
@ServletSecurity(@HttpConstraint(rolesAllowed = "users"))
public class MeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("user", request.getUserPrincipal().getName());
        SignedInTokens tokens = SignedInTokens.current().orElse(null);
        if (tokens == null) {
            body.addNull("userinfo");
        } else {
            body.add("access_token_claims", Keycard.claims(tokens.accessToken()));
            try {
                String issuer = Keycard.claims(tokens.idToken()).getString("iss");
                String userinfoUrl = Keycard.discovery(issuer).getString("userinfo_endpoint");
                HttpResponse<String> userinfo = Keycard.get(userinfoUrl, tokens.accessToken());
                body.add("userinfo_status", userinfo.statusCode());
                body.add("userinfo", jsonOrText(userinfo.body()));
            } catch (IOException | RuntimeException e) {
                body.add("userinfo_error", String.valueOf(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                body.add("userinfo_error", "interrupted");
            }
        }
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.build().toString());
    }

    private static JsonValue jsonOrText(String text) {
        try {
            return Keycard.parse(text);
        } catch (JsonException e) {
            return Json.createValue(text);
        }
    }
}
