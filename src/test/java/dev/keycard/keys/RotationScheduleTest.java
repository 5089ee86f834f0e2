package dev.keycard.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.keys.SigningKeys.KeyInfo;
import dev.keycard.keys.SigningKeys.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationScheduleTest {

    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static KeyInfo key(State state, Instant activates) {
        return new KeyInfo("kid-" + state, "RS256", state, activates, activates, null, null, null);
    }

    @Test
    void aKeyYoungerThanThePeriodIsNotRotated() {
        assertFalse(
                SigningKeys.rotationDue(List.of(key(State.active, START)), PERIOD, START.plus(Duration.ofDays(29))));
    }

    @Test
    void aKeyThatHasSignedForAWholePeriodIsRotated() {
        assertTrue(SigningKeys.rotationDue(List.of(key(State.active, START)), PERIOD, START.plus(PERIOD)));
    }

    @Test
    void aWaitingNextKeyMeansTheRotationIsAlreadyUnderWay() {
        assertFalse(SigningKeys.rotationDue(
                List.of(key(State.active, START), key(State.next, START.plus(Duration.ofDays(31)))),
                PERIOD,
                START.plus(Duration.ofDays(31))));
    }

    @Test
    void aConfiguredKeyWithoutTimesNeverRotates() {
        assertFalse(
                SigningKeys.rotationDue(List.of(key(State.active, null)), PERIOD, START.plus(Duration.ofDays(400))));
    }
}
