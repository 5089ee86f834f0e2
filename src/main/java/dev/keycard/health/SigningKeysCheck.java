package dev.keycard.health;

import dev.keycard.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once a signing key is loaded; it stays loaded in memory through a database outage. */
@Readiness
@ApplicationScoped
public class SigningKeysCheck implements HealthCheck {

    @Inject
    SigningKeys keys;

    @Override
    public HealthCheckResponse call() {
        if (!keys.loaded()) {
            return HealthCheckResponse.down("signing-keys");
        }
        return HealthCheckResponse.named("signing-keys")
                .up()
                .withData("kid", keys.active().kid())
                .build();
    }
}
