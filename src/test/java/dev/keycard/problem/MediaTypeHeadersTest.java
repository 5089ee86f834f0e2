package dev.keycard.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediaTypeHeadersTest {

    @Test
    void mediaTypesAndListsOfThemPass() {
        assertTrue(MediaTypeHeaders.parses("application/json; charset=UTF-8", false));
        assertTrue(MediaTypeHeaders.parses("application/x-www-form-urlencoded", false));
        assertTrue(MediaTypeHeaders.parses("text/html,application/xhtml+xml,*/*;q=0.8", true));
        assertTrue(MediaTypeHeaders.parses("*/*", true));
    }

    @Test
    void aTokenInTheHeaderIsRefusedHereBeforeRestEasyLogsIt() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        assertFalse(MediaTypeHeaders.parses(token, false));
        assertFalse(MediaTypeHeaders.parses("application/json, " + token, true));
        assertFalse(MediaTypeHeaders.parses("Qm9nb3VzLXJlZnJlc2gtdG9rZW4tb2YtNDMtY2hhcnM", false));
    }
}
