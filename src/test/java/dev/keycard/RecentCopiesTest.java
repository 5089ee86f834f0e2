package dev.keycard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecentCopiesTest {

    /** A table that counts its reads. */
    private final Map<String, String> rows = new HashMap<>(Map.of("a", "A1", "b", "B1"));

    private int reads;

    private final Function<String, Optional<String>> read = key -> {
        reads++;
        return Optional.ofNullable(rows.get(key));
    };

    @Test
    void aCopyAnswersWithinItsTimeToLiveWithoutReadingAgain() {
        RecentCopies<String> copies = new RecentCopies<>(10);
        assertEquals(Optional.of("A1"), copies.get("a", Duration.ofMinutes(1), read));
        rows.put("a", "A2");
        assertEquals(Optional.of("A1"), copies.get("a", Duration.ofMinutes(1), read));
        assertEquals(1, reads);
    }

    @Test
    void forgettingMakesTheNextAnswerReadTheRow() {
        RecentCopies<String> copies = new RecentCopies<>(10);
        copies.get("a", Duration.ofMinutes(1), read);
        rows.put("a", "A2");
        copies.forget("a");
        assertEquals(Optional.of("A2"), copies.get("a", Duration.ofMinutes(1), read));
    }

    @Test
    void aZeroTimeToLiveReadsEveryTime() {
        RecentCopies<String> copies = new RecentCopies<>(10);
        copies.get("a", Duration.ZERO, read);
        copies.get("a", Duration.ZERO, read);
        assertEquals(2, reads);
    }

    @Test
    void whatDoesNotExistIsNeverKept() {
        RecentCopies<String> copies = new RecentCopies<>(10);
        assertEquals(Optional.empty(), copies.get("made-up", Duration.ofMinutes(1), read));
        rows.put("made-up", "now");
        assertEquals(Optional.of("now"), copies.get("made-up", Duration.ofMinutes(1), read));
        assertEquals(Optional.empty(), copies.get(null, Duration.ofMinutes(1), read));
    }

    @Test
    void aReadThatOverlapsAChangeIsNotKept() {
        RecentCopies<String> copies = new RecentCopies<>(10);
        Function<String, Optional<String>> readThenChange = key -> {
            reads++;
            Optional<String> before = Optional.ofNullable(rows.get(key));
            rows.put(key, "A2"); // another request changes the row and forgets, while this read is under way
            copies.forget(key);
            return before;
        };
        assertEquals(Optional.of("A1"), copies.get("a", Duration.ofMinutes(1), readThenChange));
        assertEquals(Optional.of("A2"), copies.get("a", Duration.ofMinutes(1), read));
        assertEquals(2, reads);
    }

    @Test
    void outsideATransactionForgettingOnceCommittedForgetsAtOnce() {
        RecentCopies<String> copies = new RecentCopies<>(10);
        copies.get("a", Duration.ofMinutes(1), read);
        rows.put("a", "A2");
        copies.forgetOnceCommitted("a", null);
        assertEquals(Optional.of("A2"), copies.get("a", Duration.ofMinutes(1), read));
    }

    @Test
    void pastTheBoundEveryCopyGoes() {
        RecentCopies<String> copies = new RecentCopies<>(1);
        copies.get("a", Duration.ofMinutes(1), read);
        copies.get("b", Duration.ofMinutes(1), read);
        copies.get("a", Duration.ofMinutes(1), read);
        assertEquals(3, reads);
    }
}
