package dev.keycard.sso;

import dev.keycard.token.TokenIssuer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends queued back-channel logouts, every two seconds on every node, off the user's request: a
 * slow or dead application never delays anyone's sign-out. Each delivery is a form POST of a
 * freshly signed logout token (Back-Channel Logout 1.0 §2.5); any 2xx answer counts as delivered.
 * No redirect is followed. Logs name the client and the outcome, never the token.
 */
@ApplicationScoped
public class LogoutDelivery {

    private static final Logger LOG = Logger.getLogger(LogoutDelivery.class.getName());
    private static final int BATCH = 20;

    /** The longest one delivery may take, connection to last byte; a slower application is retried. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Inject
    BackchannelLogouts queue;

    @Inject
    TokenIssuer issuer;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private ScheduledFuture<?> task;

    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::deliverDue, 2, 2, TimeUnit.SECONDS);
    }

    /** A task left on Liberty's scheduler after Keycard stops would keep firing and failing. */
    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void deliverDue() {
        try {
            for (int sent = 0; sent < BATCH; sent++) {
                Optional<BackchannelLogouts.Delivery> delivery = queue.claimNext();
                if (delivery.isEmpty()) {
                    return;
                }
                Attempt attempt = send(delivery.get());
                queue.attempted(delivery.get(), attempt.outcome(), attempt.detail());
            }
        } catch (RuntimeException e) {
            // The database is away: the rows wait for the next round, on this node or another.
            LOG.log(
                    Level.FINE,
                    "Back-channel logout round failed: " + e.getClass().getSimpleName());
        }
    }

    /** How an attempt went, and what went wrong in words fit for the audit log (null if delivered). */
    private record Attempt(BackchannelLogouts.Outcome outcome, String detail) {}

    private Attempt send(BackchannelLogouts.Delivery delivery) {
        Attempt attempt;
        try {
            String token = issuer.logoutToken(delivery.clientId(), delivery.userId(), delivery.ssoSessionId());
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.uri()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "logout_token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII)))
                    .build();
            // The whole exchange within the timeout: an application that trickles its answer out
            // must not hold this node's deliveries.
            CompletableFuture<HttpResponse<Void>> answer =
                    http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            try {
                attempt = answered(
                        answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode());
            } catch (TimeoutException slow) {
                answer.cancel(true);
                attempt = new Attempt(BackchannelLogouts.Outcome.FAILED, "timed out");
            } catch (ExecutionException failed) {
                attempt = new Attempt(
                        BackchannelLogouts.Outcome.FAILED,
                        failed.getCause() == null
                                ? "failed"
                                : failed.getCause().getClass().getSimpleName());
            }
        } catch (IllegalArgumentException badUri) {
            attempt = new Attempt(BackchannelLogouts.Outcome.FAILED, "IllegalArgumentException");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(BackchannelLogouts.Outcome.FAILED, "interrupted");
        }
        if (attempt.outcome() != BackchannelLogouts.Outcome.DELIVERED) {
            String why = attempt.detail();
            boolean retried = attempt.outcome() == BackchannelLogouts.Outcome.FAILED;
            LOG.info(() -> "Back-channel logout to client " + delivery.clientId() + " failed (" + why + ")"
                    + (retried ? "; will retry." : "; refused by the application, not retried."));
        }
        return attempt;
    }

    /** 2xx delivered; a 4xx but 408 and 429 is the application's refusal (see {@link BackchannelLogouts.Outcome}). */
    private static Attempt answered(int status) {
        if (status / 100 == 2) {
            return new Attempt(BackchannelLogouts.Outcome.DELIVERED, null);
        }
        boolean refused = status / 100 == 4 && status != 408 && status != 429;
        return new Attempt(
                refused ? BackchannelLogouts.Outcome.REFUSED : BackchannelLogouts.Outcome.FAILED, "HTTP " + status);
    }
}
