package dev.keycard.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Fires requests all at once (released together by a latch) and collects their status codes. */
final class AtOnce {

    private AtOnce() {}

    static List<Integer> statuses(int count, IntFunction<Callable<Integer>> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<Integer> call = request.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Exactly one success, every other request refused with 401. */
    static void exactlyOneSucceeded(List<Integer> statuses) {
        for (int status : statuses) {
            org.junit.jupiter.api.Assertions.assertTrue(status == 200 || status == 401, "unexpected status " + status);
        }
        org.junit.jupiter.api.Assertions.assertEquals(
                1, statuses.stream().filter(s -> s == 200).count(), "successes among " + statuses);
    }
}
