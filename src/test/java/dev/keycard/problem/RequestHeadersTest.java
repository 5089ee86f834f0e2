package dev.keycard.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {

    /** A request with this URI, query and headers, and nothing else. */
    private static HttpServletRequest request(String uri, String query, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                RequestHeadersTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> uri;
                    case "getQueryString" -> query;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaders" ->
                        Collections.enumeration(
                                headers.containsKey((String) args[0])
                                        ? List.of(headers.get((String) args[0]))
                                        : List.of());
                    default -> null;
                });
    }

    @Test
    void anOrdinaryRequestPasses() {
        assertNull(RequestHeaders.check(request(
                "/api/admin/users/al%C3%A9",
                "q=%E2%82%AC&page=1",
                Map.of(
                        "Content-Type", "application/json; charset=utf-8",
                        "Accept", "text/html, application/json;q=0.9, */*;q=0.1",
                        "Accept-Language", "de-CH, en;q=0.5, *;q=0"))));
    }

    @Test
    void commonClientsHeadersPass() {
        for (String accept : new String[] {
            "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", // java.net.HttpURLConnection
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", // Chromium
            ""
        }) {
            assertNull(
                    RequestHeaders.check(request(
                            "/oauth2/authorize", null, Map.of("Accept", accept, "Accept-Language", "en-US,en;q=0.9"))),
                    accept);
        }
    }

    @Test
    void badPercentEncodingOrRawBytesInTheUriAreA400() {
        for (String query : new String[] {"q=%zz", "q=%", "q=%C3%28", "q=%ED%A0%80", "q=\u00e9", "q=a b", "q=a%00"}) {
            RequestHeaders.Refusal refusal = RequestHeaders.check(request("/api/admin/users", query, Map.of()));
            assertEquals(ProblemType.INVALID_REQUEST, refusal.type(), query);
        }
        assertFalse(RequestHeaders.percentEncodedUtf8("/assets/%FF"));
        assertTrue(RequestHeaders.percentEncodedUtf8("/assets/a%20b%2Fc"));
    }

    @Test
    void anUnparsableContentTypeOrUnknownCharsetIsA415() {
        for (String type :
                new String[] {"a/b/c", "", "application/", "json", "application/json; charset=no-such", "*/*;q=x"}) {
            RequestHeaders.Refusal refusal =
                    RequestHeaders.check(request("/api/auth/login", null, Map.of("Content-Type", type)));
            assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, refusal.type(), type);
        }
    }

    @Test
    void badAcceptOrLanguageHeadersAreA400NamingTheHeader() {
        for (Map<String, String> headers : List.of(
                Map.of("Accept", "*/*;q=x"),
                Map.of("Accept", "text/html;q=1.5"),
                Map.of("Accept", "Bearer a.b.c"),
                Map.of("Accept-Language", "en;q=2"),
                Map.of("Accept-Language", "\u00e9\u00e9"),
                Map.of("Content-Language", "a b"))) {
            RequestHeaders.Refusal refusal = RequestHeaders.check(request("/api/me", null, headers));
            assertEquals(ProblemType.INVALID_REQUEST, refusal.type(), headers.toString());
            assertTrue(refusal.detail().contains(headers.keySet().iterator().next()), refusal.detail());
        }
    }
}
