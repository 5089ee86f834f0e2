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

    @Test
    void onTheOAuthEndpointsAWrongContentTypeNamesTheFormTypeInAnOAuthError() {
        ProblemMapper oauth = new ProblemMapper();
        oauth.uri = (jakarta.ws.rs.core.UriInfo) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {jakarta.ws.rs.core.UriInfo.class},
                (proxy, method, args) -> method.getName().equals("getPath") ? "oauth2/token" : null);
        Response response = oauth.toResponse(new jakarta.ws.rs.NotSupportedException());
        String body = (String) response.getEntity();
        assertEquals(415, response.getStatus());
        assertEquals("application/json", response.getMediaType().toString());
        assertTrue(body.contains("\"error\":\"invalid_request\""), body);
        assertTrue(body.contains("application/x-www-form-urlencoded"), body);
        assertFalse(body.contains("urn:keycard:problem"), body);

        Response failure = oauth.toResponse(new IllegalStateException("boom"));
        assertEquals(500, failure.getStatus());
        assertTrue(((String) failure.getEntity()).contains("\"error\":\"server_error\""));
        assertTrue(((String) failure.getEntity()).contains("Incident "));
    }

    @Test
    void elsewhereAWrongContentTypeAsksForJson() {
        Response response = mapper.toResponse(new jakarta.ws.rs.NotSupportedException());
        assertEquals(415, response.getStatus());
        assertTrue(((String) response.getEntity()).contains("Send the request body as application/json."));
    }
}
