package dev.keycard.ops;

import dev.keycard.directory.Directory;
import dev.keycard.keys.SigningKeys;
import dev.keycard.passkey.PasskeySettings;
import dev.keycard.revocation.RevocationList;
import dev.keycard.sso.LogoutDelivery;
import dev.keycard.user.UserAccounts;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Start-up in the one order that works: schema first, then the signing keys (which the bearer
 * check needs before the first request) and the revocation list (which every protected
 * request consults), then the first administrator. A failure here
 * fails the deployment, so a node never serves requests half-initialised.
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    Directory directory;

    @Inject
    Schema schema;

    @Inject
    PasskeySettings passkeys;

    @Inject
    SigningKeys keys;

    @Inject
    UserAccounts accounts;

    @Inject
    RevocationList revocations;

    @Inject
    Housekeeping housekeeping;

    @Inject
    LogoutDelivery logouts;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> housekeepingTask;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Before anything is written: a relying party id or origin no browser accepts stops the start.
        passkeys.check();
        if (!passkeys.enabled()) {
            LOG.warning("Passkeys are off (set keycard.passkey.rp-id and keycard.passkey.origins to turn them on): "
                    + passkeys.why());
        }
        schema.migrate();
        keys.load();
        revocations.start();
        accounts.bootstrapAdmin();
        if (directory.enabled()) {
            // Its settings were checked just now (a wrong one fails the start); it connects on first use.
            LOG.info("Users from the directory: names no local account holds are looked up there.");
        }
        scheduleHousekeeping();
        logouts.start();
    }

    void scheduleHousekeeping() {
        housekeepingTask = scheduler.scheduleWithFixedDelay(this::housekeeping, 1, 10, TimeUnit.MINUTES);
    }

    /**
     * Liberty's default scheduler belongs to the server, not to Keycard: a task left scheduled when
     * Keycard is stopped or redeployed keeps firing, and fails (CWWKC1101E) every ten minutes.
     */
    @PreDestroy
    void stopHousekeeping() {
        if (housekeepingTask != null) {
            housekeepingTask.cancel(false);
        }
    }

    private void housekeeping() {
        try {
            housekeeping.purge();
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Housekeeping failed, will retry: " + e.getClass().getSimpleName());
        }
    }
}
