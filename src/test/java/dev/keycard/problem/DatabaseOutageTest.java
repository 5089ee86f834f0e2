package dev.keycard.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseOutageTest {

    /** As JPA and JTA hand a driver's exception to the resource: several layers deep. */
    private static RuntimeException wrapped(SQLException driver) {
        RollbackException rollback = new RollbackException("commit failed");
        rollback.initCause(new PersistenceException(new RuntimeException("EclipseLink DatabaseException", driver)));
        return new TransactionalException("rolled back", rollback);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "08001", // connection refused, link cut
                "08006", // connection lost mid-statement
                "28000", // role may not log in
                "28P01", // password no longer accepted
                "3D000", // database gone
                "53300", // too many connections
                "57P01", // session terminated by an administrator
                "57P03", // server starting, in recovery
                "57014", // statement cancelled
                "25006", // read-only database, or a standby since a failover
                "55000" // database not accepting connections
            })
    void everyKindOfUnavailabilityIsA503WithRetryAfter(String sqlState) {
        Response response = new ProblemMapper().toResponse(wrapped(new SQLException("refused", sqlState)));
        assertEquals(503, response.getStatus(), sqlState);
        assertEquals(ProblemMapper.RETRY_AFTER_OUTAGE, response.getHeaderString("Retry-After"));
        assertTrue(((String) response.getEntity()).contains("urn:keycard:problem:database-unavailable"));
    }

    @Test
    void poolTimeoutIsAnOutage() {
        // Liberty's ConnectionWaitTimeoutException, without a SQLState.
        assertTrue(DatabaseOutage.behind(wrapped(new SQLTransientConnectionException("pool timeout"))));
    }

    @Test
    void aBrokenStatementOrAConflictIsNotAnOutage() {
        assertFalse(DatabaseOutage.behind(wrapped(new SQLSyntaxErrorException("bad SQL", "42601"))));
        assertFalse(DatabaseOutage.behind(wrapped(new SQLIntegrityConstraintViolationException("duplicate", "23505"))));
        assertFalse(DatabaseOutage.behind(wrapped(new SQLException("serialization failure", "40001"))));
        assertFalse(DatabaseOutage.behind(wrapped(new SQLException("no state"))));
        assertFalse(DatabaseOutage.behind(new IllegalStateException("not the database")));
    }
}
