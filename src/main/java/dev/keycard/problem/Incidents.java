package dev.keycard.problem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server log's side of a 500: every incident gets one line with its id (the id the caller
 * sees), and the full stack trace of a cause is written at most once per {@link #TRACE_INTERVAL}.
 * Without the limit, a caller who finds one input that fails could write a stack trace (tens of
 * kilobytes) per request of a few bytes, and bury the log; with it, the log grows by one line per
 * request at most, and whoever investigates still has one trace per cause and minute to read.
 * <p>
 * A cause is the innermost exception's class and the frame that threw it: the same defect reached
 * by many requests is one cause, two defects are two.
 */
final class Incidents {

    static final Duration TRACE_INTERVAL = Duration.ofMinutes(1);

    /** Distinct causes remembered; past it, traces wait for old entries to expire. */
    static final int MAX_CAUSES = 1_000;

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    /** The server's one instance: {@link ProblemMapper} is also created outside CDI. */
    static final Incidents LOGGED = new Incidents(Clock.systemUTC(), LOG);

    private final Clock clock;
    private final Logger log;
    private final ConcurrentMap<String, Instant> lastTrace = new ConcurrentHashMap<>();

    Incidents(Clock clock, Logger log) {
        this.clock = clock;
        this.log = log;
    }

    /** Logs the failure as a new incident and returns its id. */
    String record(Throwable failure) {
        String incident = UUID.randomUUID().toString();
        String cause = cause(failure);
        if (traceDue(cause)) {
            log.log(Level.SEVERE, "Unexpected failure, incident " + incident + " (" + cause + ")", failure);
        } else {
            log.severe(() -> "Unexpected failure, incident " + incident + " (" + cause
                    + "); its stack trace was logged less than a minute ago");
        }
        return incident;
    }

    private boolean traceDue(String cause) {
        Instant now = clock.instant();
        if (lastTrace.size() >= MAX_CAUSES) {
            lastTrace.values().removeIf(last -> !last.plus(TRACE_INTERVAL).isAfter(now));
            if (lastTrace.size() >= MAX_CAUSES && !lastTrace.containsKey(cause)) {
                return false;
            }
        }
        boolean[] due = {false};
        lastTrace.compute(cause, (key, last) -> {
            if (last == null || !last.plus(TRACE_INTERVAL).isAfter(now)) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

    /** The innermost exception's class and top frame: {@code java.lang.NullPointerException at a.B.c(B.java:12)}. */
    static String cause(Throwable failure) {
        Throwable root = failure;
        for (int hops = 0; root.getCause() != null && root.getCause() != root && hops < 100; hops++) {
            root = root.getCause();
        }
        StackTraceElement[] frames = root.getStackTrace();
        return root.getClass().getName() + (frames.length == 0 ? "" : " at " + frames[0]);
    }
}
