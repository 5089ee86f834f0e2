package dev.keycard.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserLockTest {

    private final User user = new User(Username.parse("alice").orElseThrow(), "hash", Set.of("user"), true);
    private final Duration minute = Duration.ofMinutes(1);
    private final Duration quarter = Duration.ofMinutes(15);

    private Instant failFiveTimes(Instant now) {
        Instant until = null;
        for (int i = 0; i < 5; i++) {
            until = user.failedLogin(now, 5, minute, quarter);
        }
        return until;
    }

    @Test
    void fifthConsecutiveFailureLocksForOneMinute() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(now.plus(minute), failFiveTimes(now));
        assertTrue(user.isLocked(now.plusSeconds(59)));
        assertFalse(user.isLocked(now.plusSeconds(61)));
    }

    @Test
    void eachLockDoublesUpToFifteenMinutes() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        long[] expectedMinutes = {1, 2, 4, 8, 15, 15};
        for (long minutes : expectedMinutes) {
            Instant until = failFiveTimes(now);
            assertEquals(now.plus(Duration.ofMinutes(minutes)), until);
            now = until.plusSeconds(1);
        }
    }

    @Test
    void failuresWhileLockedNeitherCountNorExtend() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = failFiveTimes(now);
        assertNull(user.failedLogin(now.plusSeconds(10), 5, minute, quarter));
        assertEquals(until, user.lockedUntil());
    }

    @Test
    void successStartsTheCountAgain() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 4; i++) {
            user.failedLogin(now, 5, minute, quarter);
        }
        user.clearFailures();
        assertNull(user.failedLogin(now, 5, minute, quarter));
        assertFalse(user.isLocked(now));
    }
}
