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

    /** One wrong password: admitted (and counted), then failed. */
    private Instant fail(Instant now) {
        assertTrue(user.admitAttempt(now, 5, minute, quarter));
        return user.failedAttempt(now, 5, minute, quarter);
    }

    private Instant failFiveTimes(Instant now) {
        Instant until = null;
        for (int i = 0; i < 5; i++) {
            until = fail(now);
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
    void attemptsWhileLockedAreRefusedAndDoNotExtendTheLock() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = failFiveTimes(now);
        assertFalse(user.admitAttempt(now.plusSeconds(10), 5, minute, quarter));
        assertNull(user.failedAttempt(now.plusSeconds(10), 5, minute, quarter));
        assertEquals(until, user.lockedUntil());
    }

    @Test
    void aBurstOfParallelAttemptsGetsOnlyFiveThrough() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += user.admitAttempt(now, 5, minute, quarter) ? 1 : 0;
        }
        assertEquals(5, admitted);
        assertTrue(user.isLocked(now));
    }

    @Test
    void successStartsTheCountAgain() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 4; i++) {
            fail(now);
        }
        user.admitAttempt(now, 5, minute, quarter);
        user.clearFailures();
        assertNull(fail(now));
        assertFalse(user.isLocked(now));
    }

    @Test
    void wrongBindsAreLimitedAcrossKeycardLocksUntilASuccessOrTheWindowEnds() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertTrue(user.admitBind(now.plusSeconds(i), 3, quarter));
        }
        // Keycard's own lock coming and going changes nothing: the directory still counts them.
        failFiveTimes(now);
        assertFalse(user.admitBind(now.plus(Duration.ofMinutes(14)), 3, quarter));
        assertTrue(user.admitBind(now.plus(quarter), 3, quarter), "a new window");
        user.clearFailures();
        assertTrue(user.admitBind(now.plus(quarter), 3, quarter));
    }

    @Test
    void withoutAWindowOnlyASuccessOrAnUnlockAdmitsMoreBinds() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertTrue(user.admitBind(now, 3, Duration.ZERO));
        }
        assertFalse(user.admitBind(now.plus(Duration.ofDays(30)), 3, Duration.ZERO));
        user.clearFailures();
        assertTrue(user.admitBind(now.plus(Duration.ofDays(30)), 3, Duration.ZERO));
    }
}
