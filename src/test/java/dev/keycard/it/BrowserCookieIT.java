package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The browser's refresh cookie through the API: what a front end gets, what it must send, and
 * what a cross-site request without the CSRF header cannot do. Also the page itself and the
 * security headers on every response.
 */
class BrowserCookieIT extends KeycardIT {

    private Response cookieLogin(String user) {
        return given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\",\"cookie\":true}")
                .post("api/auth/login");
    }

    private static String setCookie(Response response, String name) {
        return response.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name));
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private Response refreshWith(String refresh, String csrf) {
        var request = given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .body("{}")
                .cookie("keycard_refresh", refresh);
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return request.post("api/auth/refresh");
    }

    @Test
    void cookieLoginPutsTheRefreshTokenInAnHttpOnlyStrictCookieForTheAuthPathOnly() {
        Response login = cookieLogin(Accounts.create(base));
        login.then().statusCode(200).body("access_token", not(nullValue())).body("refresh_token", nullValue());
        String refresh = setCookie(login, "keycard_refresh");
        for (String attribute : List.of("Path=/api/auth", "HttpOnly", "SameSite=Strict", "Secure", "Max-Age=")) {
            assertTrue(refresh.contains(attribute), attribute + " missing: " + refresh);
        }
        String csrf = setCookie(login, "keycard_csrf");
        assertFalse(csrf.contains("HttpOnly"), "the page must be able to read the CSRF cookie");
        assertTrue(csrf.contains("SameSite=Strict") && csrf.contains("Path=/;"), csrf);
    }

    @Test
    void refreshWithTheCookieAndTheCsrfHeaderRotatesTheCookie() {
        Response login = cookieLogin(Accounts.create(base));
        String refresh = value(setCookie(login, "keycard_refresh"));
        Response refreshed = refreshWith(refresh, value(setCookie(login, "keycard_csrf")));
        refreshed.then().statusCode(200).body("access_token", not(nullValue())).body("refresh_token", nullValue());
        assertNotEquals(refresh, value(setCookie(refreshed, "keycard_refresh")), "the cookie was not rotated");
    }

    @Test
    void refreshWithTheCookieButWithoutTheCsrfHeaderIsRefusedAndSpendsNothing() {
        Response login = cookieLogin(Accounts.create(base));
        String refresh = value(setCookie(login, "keycard_refresh"));
        refreshWith(refresh, null)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("X-CSRF-Token"));
        refreshWith(refresh, "forged").then().statusCode(403);
        refreshWith(refresh, value(setCookie(login, "keycard_csrf"))).then().statusCode(200);
    }

    @Test
    void logoutWithTheCookieEndsTheSessionAndClearsTheCookies() {
        Response login = cookieLogin(Accounts.create(base));
        String refresh = value(setCookie(login, "keycard_refresh"));
        String csrf = value(setCookie(login, "keycard_csrf"));
        given().baseUri(base.toString())
                .cookie("keycard_refresh", refresh)
                .post("api/auth/logout")
                .then()
                .statusCode(403);

        Response logout = given().baseUri(base.toString())
                .cookie("keycard_refresh", refresh)
                .header("X-CSRF-Token", csrf)
                .post("api/auth/logout");
        logout.then().statusCode(204);
        assertTrue(setCookie(logout, "keycard_refresh").contains("Max-Age=0"), "refresh cookie not cleared");
        assertTrue(setCookie(logout, "keycard_csrf").contains("Max-Age=0"), "CSRF cookie not cleared");
        refreshWith(refresh, csrf).then().statusCode(401);
        given().baseUri(base.toString())
                .auth()
                .oauth2(login.path("access_token"))
                .get("api/me")
                .then()
                .statusCode(401);
    }

    @Test
    void theJsonBodyStillWorksForClientsThatAreNotBrowsers() {
        String refresh = Accounts.login(base, Accounts.create(base)).getString("refresh_token");
        given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + refresh + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(200)
                .body("refresh_token", not(nullValue()))
                .header("Set-Cookie", nullValue());
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicyAndNoInlineScript() {
        Response page = given().baseUri(base.toString()).get("");
        page.then().statusCode(200).contentType(containsString("text/html"));
        String csp = page.header("Content-Security-Policy");
        assertTrue(
                csp.contains("script-src 'self'")
                        && csp.contains("frame-ancestors 'none'")
                        && !csp.contains("unsafe-inline")
                        && !csp.contains("unsafe-eval"),
                csp);
        String html = page.asString();
        assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "inline script in the page");
        assertFalse(html.contains("http://") || html.contains("https://"), "the page loads something from elsewhere");
        given().baseUri(base.toString())
                .get("assets/session.js")
                .then()
                .statusCode(200)
                .contentType(containsString("text/javascript"));
        given().baseUri(base.toString()).get("assets/index.html").then().statusCode(404);
    }

    @Test
    void everyAnswerCarriesTheBrowserProtections() {
        for (Response response : List.of(
                given().baseUri(base.toString()).get(""),
                given().baseUri(base.toString()).get(".well-known/jwks.json"),
                given().baseUri(base.toString())
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("api/auth/login"),
                given().baseUri(base.toString()).get("api/no-such-thing"))) {
            Map<String, String> expected = Map.of(
                    "X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer");
            expected.forEach((name, value) -> assertEquals(value, response.header(name), name));
            response.then().header("Content-Security-Policy", containsString("default-src 'none'"));
        }
        given().baseUri(base.toString()).get("").then().header("Cache-Control", equalTo("no-cache"));
    }
}
