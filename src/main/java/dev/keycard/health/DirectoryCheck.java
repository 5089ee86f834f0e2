package dev.keycard.health;

import dev.keycard.directory.Directory;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The directory, reported but never DOWN: without it a node still signs in local accounts
 * (including the administrator who would fix things) and validates every token, so the load
 * balancer must keep sending it traffic. {@code state} is {@code up}, {@code degraded} (the last
 * operation failed; directory users get 503) or {@code off}. The probe answers at once from what
 * the last directory operation found, and has one root DSE read run in the background, so a
 * directory that hangs never makes the probe itself time out.
 */
@Readiness
@ApplicationScoped
public class DirectoryCheck implements HealthCheck {

    @Inject
    Directory directory;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean probing = new AtomicBoolean();

    @Override
    public HealthCheckResponse call() {
        if (!directory.enabled()) {
            return HealthCheckResponse.named("directory")
                    .up()
                    .withData("state", "off")
                    .build();
        }
        probeInBackground();
        Optional<String> failing = directory.failing();
        return failing.map(why -> HealthCheckResponse.named("directory")
                        .up()
                        .withData("state", "degraded")
                        .withData("reason", why)
                        .build())
                .orElseGet(() -> HealthCheckResponse.named("directory")
                        .up()
                        .withData("state", "up")
                        .build());
    }

    private void probeInBackground() {
        if (probing.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    try {
                        directory.probe();
                    } finally {
                        probing.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                probing.set(false);
            }
        }
    }
}
