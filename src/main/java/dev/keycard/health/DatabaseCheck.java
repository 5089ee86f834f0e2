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
 * Ready only while the database answers: without it a node can still validate access tokens,
 * but cannot sign anyone in, refresh, or administer, so the load balancer should prefer the
 * nodes that can. Services that validate Keycard's tokens themselves are not affected.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    /** Seconds one probe may take; Kubernetes' default probe timeout is 1 s, ours is 3 s. */
    static final int QUERY_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/keycard")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            sql.execute("SELECT 1");
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
