package dev.keycard.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers and would take a write: without it a node can still
 * validate access tokens, but cannot sign anyone in, refresh, or administer, so the load balancer
 * should prefer the nodes that can. Services that validate Keycard's tokens themselves are not
 * affected.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    /** Seconds one probe may take; Kubernetes' default probe timeout is 1 s, ours is 3 s. */
    static final int QUERY_TIMEOUT_SECONDS = 2;

    /**
     * Asks for a row lock, which a read-only database or a standby refuses (SQLState 25006) as it
     * refuses every write, yet locks nothing ({@code WHERE 1 = 0}) and writes nothing. Answering
     * {@code SELECT 1} would report a database that has become read-only, or a standby since a
     * failover, as ready while every sign-in fails. The refusal also makes Liberty discard the
     * pooled session (server.xml identifies 25006 as a stale connection), so that the probe
     * reconnects, to the new primary, without waiting for a request to write. Any of Keycard's
     * tables would do; the lock mode conflicts only with a migration's.
     */
    static final String PROBE = "SELECT 1 FROM signing_keys WHERE 1 = 0 FOR UPDATE";

    @Resource(lookup = "jdbc/keycard")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            sql.execute(PROBE);
            return HealthCheckResponse.named("database").up().build();
        } catch (SQLException e) {
            // The reason goes to the probe's body, never a URL or credential: SQLState only.
            return HealthCheckResponse.named("database")
                    .down()
                    .withData("sql_state", String.valueOf(e.getSQLState()))
                    .build();
        }
    }
}
