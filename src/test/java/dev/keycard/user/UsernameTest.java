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
    void namesOutsideTheDocumentedCharacterSetAreInvalid() {
        assertTrue(Username.parse("").isEmpty());
        assertTrue(Username.parse("with space").isEmpty());
        assertTrue(Username.parse("-leading-dash").isEmpty());
        assertTrue(Username.parse("аdmin").isEmpty(), "Cyrillic a must not pass as Latin a");
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
