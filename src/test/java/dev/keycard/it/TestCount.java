package dev.keycard.it;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Counts a test class's finished tests, so that servers the class starts itself stay up for all
 * of its tests and stop after the last one. (Starting a Liberty server per test would take
 * minutes, and Arquillian's deployer works only within a test's lifecycle, not in an
 * {@code @AfterAll}.)
 */
final class TestCount {

    private final long total;
    private int finished;

    TestCount(Class<?> testClass) {
        total = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .count();
    }

    /** Called once per test, from an {@code @AfterEach}: true after the class's last test. */
    boolean lastFinished() {
        return ++finished >= total;
    }
}
