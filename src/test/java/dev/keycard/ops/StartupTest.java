package dev.keycard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

class StartupTest {

    /** The calls made on the fakes below, by method name. */
    private final List<String> calls = new ArrayList<>();

    @Test
    void stoppingKeycardCancelsItsHousekeepingTask() {
        Startup startup = new Startup();
        startup.scheduler = fakeScheduler();

        startup.scheduleHousekeeping();
        startup.stopHousekeeping();

        assertEquals(List.of("scheduleWithFixedDelay", "cancel"), calls);
    }

    @Test
    void stoppingBeforeAnythingWasScheduledIsHarmless() {
        Startup startup = new Startup();
        startup.scheduler = fakeScheduler();

        startup.stopHousekeeping();

        assertTrue(calls.isEmpty());
    }

    private ManagedScheduledExecutorService fakeScheduler() {
        ScheduledFuture<?> task = fake(ScheduledFuture.class, null);
        return fake(ManagedScheduledExecutorService.class, task);
    }

    /** A proxy that records each call and answers it with {@code answer} (or false for booleans). */
    private <T> T fake(Class<T> type, Object answer) {
        return type.cast(
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getReturnType() == boolean.class ? false : answer;
                }));
    }
}
