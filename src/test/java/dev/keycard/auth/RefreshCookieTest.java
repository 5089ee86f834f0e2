package dev.keycard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RefreshCookieTest {

    @Test
    void theRefreshCookieIsHttpOnlyStrictAndLimitedToTheAuthEndpoints() {
        RefreshCookie cookies = new RefreshCookie();
        cookies.secure = true;
        String[] issued = cookies.issue("token-value", 600);
        assertEquals(
                "keycard_refresh=token-value; Path=/api/auth; Max-Age=600; SameSite=Strict; Secure; HttpOnly",
                issued[0]);
        assertTrue(
                issued[1].startsWith("keycard_csrf=" + RefreshCookie.csrfToken("token-value") + "; Path=/;"),
                issued[1]);
        assertFalse(issued[1].contains("HttpOnly"), "the page reads the CSRF cookie");
    }

    @Test
    void secureCanBeTurnedOffForPlainHttpDevelopmentHosts() {
        RefreshCookie cookies = new RefreshCookie();
        cookies.secure = false;
        for (String cookie : cookies.issue("t", 60)) {
            assertFalse(cookie.contains("Secure"), cookie);
        }
    }

    @Test
    void clearingExpiresBothCookiesOnTheirPaths() {
        RefreshCookie cookies = new RefreshCookie();
        String[] cleared = cookies.cleared();
        assertTrue(cleared[0].startsWith("keycard_refresh=; Path=/api/auth; Max-Age=0"), cleared[0]);
        assertTrue(cleared[1].startsWith("keycard_csrf=; Path=/; Max-Age=0"), cleared[1]);
    }

    @Test
    void theCsrfTokenFollowsTheRefreshTokenAndCannotBeChosen() {
        assertEquals(RefreshCookie.csrfToken("a"), RefreshCookie.csrfToken("a"));
        assertNotEquals(RefreshCookie.csrfToken("a"), RefreshCookie.csrfToken("b"));
        assertEquals(43, RefreshCookie.csrfToken("a").length());
    }
}
