package dev.keycard.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class IncidentsTest {

    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final Hand clock = new Hand();
    private final List<LogRecord> written = new ArrayList<>();
    private final Incidents incidents = new Incidents(clock, capturing());

    private Logger capturing() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                written.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return logger;
    }

    private static RuntimeException fromOnePlace() {
        return new IllegalStateException("the same defect");
    }

    private static RuntimeException fromAnotherPlace() {
        return new IllegalStateException("another defect");
    }

    @Test
    void aCauseRepeatedWithinAMinuteWritesOneStackTraceAndOneLinePerIncident() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(incidents.record(new RuntimeException(fromOnePlace())));
        }
        assertEquals(100, written.size(), "one line per incident");
        assertEquals(1, written.stream().filter(r -> r.getThrown() != null).count(), "one stack trace");
        for (int i = 0; i < ids.size(); i++) {
            assertTrue(written.get(i).getMessage().contains(ids.get(i)), "the line names its incident");
        }
        assertEquals(100, ids.stream().distinct().count());
    }

    @Test
    void theSameCauseGetsItsStackTraceAgainAfterAMinute() {
        incidents.record(fromOnePlace());
        clock.now = clock.now.plus(Duration.ofSeconds(59));
        incidents.record(fromOnePlace());
        assertNull(written.get(1).getThrown());
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        incidents.record(fromOnePlace());
        assertNotNull(written.get(2).getThrown());
    }

    @Test
    void distinctCausesEachGetAStackTrace() {
        incidents.record(fromOnePlace());
        incidents.record(fromAnotherPlace());
        assertNotNull(written.get(0).getThrown());
        assertNotNull(written.get(1).getThrown());
    }

    @Test
    void theCauseIsTheInnermostExceptionsClassAndTopFrame() {
        String one = Incidents.cause(new RuntimeException("wrapper", fromOnePlace()));
        assertTrue(
                one.startsWith("java.lang.IllegalStateException at dev.keycard.problem.IncidentsTest.fromOnePlace("),
                one);
        assertNotEquals(one, Incidents.cause(fromAnotherPlace()));
        assertEquals(one, Incidents.cause(new IllegalArgumentException(fromOnePlace())));
    }

    @Test
    void theLineNeverQuotesTheExceptionsMessage() {
        incidents.record(fromOnePlace());
        incidents.record(fromOnePlace());
        assertTrue(written.stream().noneMatch(r -> r.getMessage().contains("the same defect")));
    }
}
