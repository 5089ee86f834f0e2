package dev.keycard.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Which failures mean that the database is unavailable to Keycard, rather than that a statement
 * failed: the one list, so that every kind of outage is answered alike (503, {@code Retry-After}).
 * A request that failed this way changed nothing: its transaction never committed.
 * <p>
 * JPA and JTA wrap the driver's {@link SQLException} (EclipseLink's DatabaseException in a
 * PersistenceException, a TransactionalException or RollbackException around those): the whole
 * cause chain is searched.
 */
final class DatabaseOutage {

    /**
     * SQLState classes and codes that mean the database cannot serve Keycard now. The standard's
     * classes, and PostgreSQL's codes (which the standard leaves to vendors) where it has them.
     */
    private static final List<String> STATES = List.of(
            // 08: connection exception: the link is cut, the server is down or refused the connection.
            "08",
            // 28: invalid authorization: the server refuses Keycard's login (role disabled, password changed).
            "28",
            // 3D000: the database does not exist (dropped or renamed under Keycard).
            "3D000",
            // 53: insufficient resources: too many connections (53300), disk full, out of memory.
            "53",
            // 57: operator intervention: sessions terminated (57P01), shutdown or crash (57P02),
            // starting or in recovery (57P03), database dropped (57P04), statement cancelled (57014).
            "57",
            // 25006: a read-only transaction was asked to write: the database is read-only, or the
            // server Keycard reaches is a standby since a failover.
            "25006",
            // 55000: PostgreSQL's answer to a connection when the database does not accept any
            // (ALTER DATABASE ... ALLOW_CONNECTIONS false). Keycard's own statements use nothing
            // that raises it otherwise (no currval, no replication functions).
            "55000");

    private DatabaseOutage() {}

    /** True if anything in the failure's cause chain says the database is unavailable. */
    static boolean behind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // The JDBC 4 types for a lost or refused connection; Liberty's pool timeout
            // (ConnectionWaitTimeoutException) is a SQLTransientConnectionException too.
            if (t instanceof SQLRecoverableException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean unavailable(String sqlState) {
        return sqlState != null && STATES.stream().anyMatch(sqlState::startsWith);
    }
}
