package dev.keycard.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void unexpectedFailureIsA500WithAnIncidentIdAndNothingElse() {
        Response response = mapper.toResponse(new IllegalStateException("password=hunter2 at dev.keycard.Secret"));
        String body = (String) response.getEntity();
        assertEquals(500, response.getStatus());
        assertEquals(ProblemType.MEDIA_TYPE, response.getMediaType().toString());
        assertTrue(body.contains("Incident "), body);
        assertFalse(body.contains("hunter2"), body);
        assertFalse(body.contains("dev.keycard"), body);
        assertFalse(body.contains("IllegalStateException"), body);
    }

    @Test
    void jaxRsErrorsKeepTheirStatusAndAllowHeader() {
        Response response = mapper.toResponse(new NotAllowedException("POST"));
        assertEquals(405, response.getStatus());
        assertEquals("POST", response.getHeaderString("Allow"));
        assertTrue(((String) response.getEntity()).contains("urn:keycard:problem:method-not-allowed"));
    }

    @Test
    void oversizedBodyFoundDeepInACauseChainIsA413() {
        Response response = mapper.toResponse(new RuntimeException(new RuntimeException(new RequestTooLarge(16))));
        assertEquals(413, response.getStatus());
    }

    @Test
    void uniqueConstraintRaceIsAConflictNotAServerError() {
        Response response = mapper.toResponse(
                new RuntimeException(new java.sql.SQLIntegrityConstraintViolationException("duplicate key", "23505")));
        assertEquals(409, response.getStatus());
    }

    @Test
    void lostDatabaseConnectionIsA503WithRetryAfter() {
        Response response = mapper.toResponse(new jakarta.persistence.PersistenceException(
                new RuntimeException(new java.sql.SQLException("Connection refused", "08001"))));
        assertEquals(503, response.getStatus());
        assertEquals(ProblemMapper.RETRY_AFTER_OUTAGE, response.getHeaderString("Retry-After"));
        assertTrue(((String) response.getEntity()).contains("urn:keycard:problem:database-unavailable"));
    }
}
