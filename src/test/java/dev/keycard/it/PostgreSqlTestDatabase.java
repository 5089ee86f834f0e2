package dev.keycard.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The PostgreSQL run of the integration tests gets a database of its own, created before any
 * test server starts (the servers read its name from KEYCARD_DB_URL, which the build sets), so
 * that runs never see each other's data. A run's database is kept afterwards for inspection and
 * dropped by the next run. Outside that run (unit tests, the H2 run) this does nothing.
 */
public class PostgreSqlTestDatabase implements LauncherSessionListener {

    private static volatile boolean created;

    static boolean inUse() {
        return "postgresql".equals(System.getProperty("it.database"));
    }

    static String name() {
        return System.getProperty("it.pg.database");
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + System.getProperty("it.pg.host") + ":"
                + System.getProperty("it.pg.port") + "/" + database, System.getProperty("it.pg.user"), "");
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!inUse() || created) {
            return;
        }
        String name = name();
        if (!name.matches("keycard_it_[0-9_]+")) {
            throw new IllegalStateException("Unexpected test database name " + name);
        }
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
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
            throw new IllegalStateException("The PostgreSQL run of the integration tests needs PostgreSQL at "
                    + System.getProperty("it.pg.host") + ":" + System.getProperty("it.pg.port") + " (user "
                    + System.getProperty("it.pg.user") + ", allowed to create databases); "
                    + "start it, or skip this run with -Dit.postgresql.skip=true: " + e.getMessage(), e);
        }
    }

    private static List<String> leftovers(Statement sql, String current) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'keycard\\_it\\_%'")) {
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
