package dev.keycard.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AtHashTest {

    @Test
    void matchesTheExampleOfOpenIdConnectCoreAppendixA3() {
        assertEquals(
                "77QmUPtjPfzWtF2AnpK9RQ", TokenIssuer.atHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256"));
    }

    @Test
    void usesTheHashOfTheSigningAlgorithm() {
        // ES256 hashes with SHA-256 too: the same value for the same token.
        assertEquals(TokenIssuer.atHash("token", "RS256"), TokenIssuer.atHash("token", "ES256"));
        assertEquals(22, TokenIssuer.atHash("token", "RS256").length());
    }
}
