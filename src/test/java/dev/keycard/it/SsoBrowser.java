package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser in the OpenID Connect code flow, driven with REST Assured: it keeps Keycard's cookies
 * as a browser would (HttpOnly or not), does not follow redirects (the tests read them), and fills
 * in the hosted sign-in form from the HTML it was given. Each has its own client address, so that
 * throttling in one test never reaches another.
 */
final class SsoBrowser {

    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();
    private final String address = "198.51.100." + (1 + new SecureRandom().nextInt(250));

    SsoBrowser(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    RequestSpecification request() {
        RequestSpecification request =
                given().baseUri(base).redirects().follow(false).header("X-Forwarded-For", address);
        if (!cookies.isEmpty()) {
            request.cookies(cookies);
        }
        return request;
    }

    /** GET /oauth2/authorize with these parameters. */
    Response authorize(Map<String, String> parameters) {
        return keep(request().queryParams(parameters).get("oauth2/authorize"));
    }

    /** Posts the hosted form of {@code page} with these credentials. */
    Response signIn(Response page, String username, String password) {
        assertEquals(200, page.statusCode(), "the sign-in form");
        Map<String, String> fields = hiddenFields(page.asString());
        fields.put("username", username);
        fields.put("password", password);
        return keep(request().contentType(ContentType.URLENC).formParams(fields).post("oauth2/sign-in"));
    }

    /** Posts the hosted form's second step of {@code page} with this code. */
    Response secondStep(Response page, String code) {
        Map<String, String> fields = hiddenFields(page.asString());
        fields.put("code", code);
        return keep(request().contentType(ContentType.URLENC).formParams(fields).post("oauth2/sign-in"));
    }

    /** The code flow up to the code, signing in at the form if asked: the redirect's parameters. */
    Map<String, String> codeFor(Map<String, String> parameters, String username) {
        Response answer = authorize(parameters);
        if (answer.statusCode() == 200) {
            answer = signIn(answer, username, Accounts.PASSWORD);
        }
        assertEquals(
                true, answer.statusCode() == 302 || answer.statusCode() == 303, "redirected: " + answer.statusCode());
        return query(answer.header("Location"));
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** A redirect's query parameters, decoded. */
    static Map<String, String> query(String location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** Keeps the cookies an answer sets, and forgets those it clears. */
    private Response keep(Response response) {
        for (Cookie cookie : response.getDetailedCookies()) {
            if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        return response;
    }

    /** A PKCE verifier (RFC 7636 §4.1) and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(
                        verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
