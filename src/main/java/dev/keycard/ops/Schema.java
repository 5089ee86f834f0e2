package dev.keycard.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned migrations in {@code db/migration} at start-up. JPA never generates or
 * alters the schema: the migrations are the schema, the same files for H2 and PostgreSQL.
 * Flyway's lock table keeps two nodes starting together from migrating twice.
 */
@ApplicationScoped
public class Schema {

    private static final Logger LOG = Logger.getLogger(Schema.class.getName());

    @Resource(lookup = "jdbc/keycard")
    DataSource dataSource;

    public void migrate() {
        MigrateResult result = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(dataSource)
                // Liberty's class loader hands out its own URLs; Flyway finds the folder on it
                // through the marker files named flyway.location.
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version "
                + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion)
                + " (" + result.migrationsExecuted + " migrations applied now) on " + productName());
    }

    private String productName() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database (keycard.db.url): " + e.getMessage(), e);
        }
    }
}
