package dev.keycard.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UsernameTest {

    @Test
    void caseAndCompatibilityVariantsAreTheSameName() {
        assertEquals("alice", Username.parse("Alice").orElseThrow().value());
        assertEquals("alice", Username.parse("ＡＬＩＣＥ").orElseThrow().value());
        assertEquals("fiona", Username.parse("ﬁona").orElseThrow().value());
    }

    @Test
    void localAccountsAreNamedOnlyWithinTheDocumentedCharacterSet() {
        assertTrue(Username.local("").isEmpty());
        assertTrue(Username.local("with space").isEmpty());
        assertTrue(Username.local("-leading-dash").isEmpty());
        assertTrue(Username.local("аdmin").isEmpty(), "Cyrillic a must not pass as Latin a");
        assertTrue(Username.local("j(o)hn*").isEmpty());
        assertTrue(Username.local("x".repeat(65)).isEmpty());
        assertTrue(Username.local(null).isEmpty());
    }

    @Test
    void directoryNamesMayHoldWhatLdapEscapesButNoControlCharacters() {
        assertEquals(
                "j(o)hn*\\,doe", Username.parse("J(o)hn*\\,Doe").orElseThrow().value());
        assertEquals("john smith", Username.parse("John Smith").orElseThrow().value());
        assertTrue(Username.parse("").isEmpty());
        assertTrue(Username.parse(" alice").isEmpty());
        assertTrue(Username.parse("alice ").isEmpty());
        assertTrue(Username.parse("ali\u0000ce").isEmpty());
        assertTrue(Username.parse("ali\u200bce").isEmpty(), "a zero-width space is a format character");
        assertTrue(Username.parse("\ud800alice").isEmpty());
        assertTrue(Username.parse("x".repeat(65)).isEmpty());
        assertTrue(Username.parse(null).isEmpty());
    }

    @Test
    void emailLikeNamesAreValid() {
        assertEquals(
                "first.last@example.com",
                Username.parse("First.Last@example.com").orElseThrow().value());
    }
}
