package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every way a PostgreSQL that is up can still be unavailable to Keycard: the server refuses its
 * role, the database refuses connections, it becomes read-only, the server terminates Keycard's
 * sessions, or Keycard's pool is exhausted. Each is answered like a cut link (ClusterIT): 503
 * problem+json {@code database-unavailable} with {@code Retry-After}, readiness down, access tokens
 * still validated and known revocations still refused, and service again as soon as the database
 * is back, without a restart. The server (keycardOutageIT) has a database and a login role of its
 * own, which the test creates, breaks as a database administrator would, restores and drops.
 * PostgreSQL only: these are PostgreSQL's ways of refusing.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseFailureIT {

    private static final String SERVER = "outage";
    private static final String BASE = "http://localhost:" + System.getProperty("it.outage.http.port", "19085") + "/";
    /** Keycard's pool on this server (keycard.db.pool-size in its configuration). */
    private static final int POOL_SIZE = 3;

    private static final TestCount TESTS = new TestCount(DatabaseFailureIT.class);
    /** The server's database and its login role, of one name. */
    private static final String NAME = System.getProperty("it.pg.outage.database");

    @Deployment(name = SERVER, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static WebArchive keycard() {
        return Deployments.keycard();
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @BeforeEach
    void serverOnADatabaseOfItsOwn() throws Exception {
        assumeTrue(PostgreSqlTestDatabase.inUse(), "database failures are staged on PostgreSQL only");
        if (!controller.isStarted(SERVER)) {
            assertTrue(NAME.matches("keycard_it_[a-z_]+"), NAME);
            // Left over by an interrupted run, or new.
            superuser("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)", "DROP ROLE IF EXISTS " + NAME);
            superuser("CREATE ROLE " + NAME + " LOGIN", "CREATE DATABASE " + NAME + " OWNER " + NAME);
            controller.start(SERVER);
            deployer.deploy(SERVER);
        }
    }

    @AfterEach
    void stopAndDropAfterTheLastTest() throws Exception {
        if (!PostgreSqlTestDatabase.inUse() || !TESTS.lastFinished()) {
            return;
        }
        deployer.undeploy(SERVER);
        controller.stop(SERVER);
        superuser("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)", "DROP ROLE IF EXISTS " + NAME);
    }

    @Test
    void serverRefusingKeycardsRoleIsAnOutage() throws Exception {
        // SQLState 28000 on every new connection.
        outage("ALTER ROLE " + NAME + " NOLOGIN", "ALTER ROLE " + NAME + " LOGIN");
    }

    @Test
    void connectionLimitReachedIsAnOutage() throws Exception {
        // 53300 too_many_connections: a role limit of 0 is every connection over the limit.
        outage("ALTER ROLE " + NAME + " CONNECTION LIMIT 0", "ALTER ROLE " + NAME + " CONNECTION LIMIT -1");
    }

    @Test
    void databaseNotAcceptingConnectionsIsAnOutage() throws Exception {
        // 55000, as for a database an operator has taken out of service.
        outage(
                "ALTER DATABASE " + NAME + " WITH ALLOW_CONNECTIONS false",
                "ALTER DATABASE " + NAME + " WITH ALLOW_CONNECTIONS true");
    }

    /**
     * Read-only, as a database set so by its operator or a primary demoted by a failover: every
     * write is refused (25006), so what writes answers 503 while reads still work, and readiness
     * is down since sign-in is not possible. The restore leaves Keycard's read-only sessions in
     * its pool: the recovery shows that they are discarded, not kept until they idle out.
     */
    @Test
    void readOnlyDatabaseAnswersWritesWith503AndStillServesReads() throws Exception {
        SignedIn signedIn = new SignedIn();
        String admin = Accounts.adminToken(BASE);
        superuser("ALTER DATABASE " + NAME + " SET default_transaction_read_only = on");
        try {
            terminateSessions();
            assertUnavailable(signedIn);
            given().baseUri(BASE)
                    .auth()
                    .oauth2(admin)
                    .get("api/admin/users")
                    .then()
                    .statusCode(200);
        } finally {
            superuser("ALTER DATABASE " + NAME + " RESET default_transaction_read_only");
        }
        assertRecovers(signedIn);
    }

    /**
     * A session terminated under a request in flight (57P01): that request answers 503 and
     * changed nothing; the database itself serves new sessions at once, so the next request
     * succeeds and readiness never needs to go down. The request writes (an admin creating a
     * user), because a read outside a transaction would be retried by EclipseLink on a new
     * session.
     */
    @Test
    void sessionTerminatedUnderARequestIsA503AndTheNextRequestSucceeds() throws Exception {
        SignedIn signedIn = new SignedIn();
        String admin = Accounts.adminToken(BASE);
        String newUser = "t" + UUID.randomUUID().toString().substring(0, 10);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection lock = PostgreSqlTestDatabase.connect(NAME)) {
            lock.setAutoCommit(false);
            try (Statement sql = lock.createStatement()) {
                sql.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            }
            Future<Response> blocked = pool.submit(() -> createUser(admin, newUser));
            awaitSessionsWaitingOnALock(1);
            terminateSessions();
            assertDatabaseUnavailable(blocked.get(30, TimeUnit.SECONDS));
            assertEquals(200, me(signedIn.kept.getString("access_token")), "valid token refused");
            assertEquals(401, me(signedIn.revoked), "revoked token accepted");
            lock.rollback();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(201, createUser(admin, newUser).statusCode(), "the request after the terminated one failed");
        given().baseUri(BASE).get("health/ready").then().statusCode(200);
    }

    /**
     * Every pooled connection held (by requests waiting on a lock the test holds): a request that
     * needs one waits the pool's connection timeout (5 s), then answers 503 instead of queueing
     * on; readiness is down for the same reason. Released, everything is served again.
     */
    @Test
    void exhaustedPoolIsA503AfterTheConnectionTimeout() throws Exception {
        SignedIn signedIn = new SignedIn();
        String admin = Accounts.adminToken(BASE);
        ExecutorService pool = Executors.newFixedThreadPool(POOL_SIZE);
        List<Future<Response>> waiting = new ArrayList<>();
        try (Connection lock = PostgreSqlTestDatabase.connect(NAME)) {
            lock.setAutoCommit(false);
            try (Statement sql = lock.createStatement()) {
                sql.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            }
            for (int i = 0; i < POOL_SIZE; i++) {
                waiting.add(pool.submit(
                        () -> given().baseUri(BASE).auth().oauth2(admin).get("api/admin/users")));
            }
            awaitSessionsWaitingOnALock(POOL_SIZE);
            assertDatabaseUnavailable(login(signedIn.user));
            given().baseUri(BASE).get("health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            assertEquals(200, me(signedIn.kept.getString("access_token")), "valid token refused");
            assertEquals(401, me(signedIn.revoked), "revoked token accepted");
            lock.rollback();
            for (Future<Response> request : waiting) {
                assertEquals(200, request.get(30, TimeUnit.SECONDS).statusCode(), "a request waiting on the lock");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, login(signedIn.user).statusCode(), "the pool did not serve again");
        given().baseUri(BASE).get("health/ready").then().statusCode(200);
    }

    /**
     * Breaks the database as its administrator would, ends Keycard's sessions (an operator's
     * change reaches only new sessions), checks what clients see, restores it and checks that
     * Keycard serves again without a restart.
     */
    private void outage(String breaking, String restoring) throws Exception {
        SignedIn signedIn = new SignedIn();
        superuser(breaking);
        try {
            terminateSessions();
            assertUnavailable(signedIn);
        } finally {
            superuser(restoring);
        }
        assertRecovers(signedIn);
    }

    /** A user signed in twice, one of the two access tokens then signed out. */
    private static final class SignedIn {
        final String user = Accounts.createThroughAdmin(BASE, false);
        final JsonPath kept = login(user).then().statusCode(200).extract().jsonPath();
        final String revoked = login(user).then().statusCode(200).extract().path("access_token");

        SignedIn() {
            given().baseUri(BASE)
                    .auth()
                    .oauth2(revoked)
                    .post("api/auth/logout")
                    .then()
                    .statusCode(204);
            assertEquals(401, me(revoked));
        }
    }

    private static void assertUnavailable(SignedIn signedIn) {
        assertDatabaseUnavailable(login(signedIn.user));
        assertDatabaseUnavailable(given().baseUri(BASE)
                .contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + signedIn.kept.getString("refresh_token") + "\"}")
                .post("api/auth/refresh"));
        given().baseUri(BASE).get("health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        assertEquals(200, me(signedIn.kept.getString("access_token")), "valid token refused without the database");
        assertEquals(401, me(signedIn.revoked), "revoked token accepted without the database");
    }

    private static void assertDatabaseUnavailable(Response response) {
        response.then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("urn:keycard:problem:database-unavailable"));
    }

    /**
     * Within seconds of the database's return, and without a restart: sign-in, refresh and
     * readiness in one round. A pooled session opened while the database was read-only fails its
     * first write once, which makes Liberty discard the pool; hence a few rounds.
     */
    private static void assertRecovers(SignedIn signedIn) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        String refreshToken = signedIn.kept.getString("refresh_token");
        List<Integer> round = List.of();
        while (System.currentTimeMillis() < deadline) {
            Response login = login(signedIn.user);
            Response refresh = given().baseUri(BASE)
                    .contentType(ContentType.JSON)
                    .body("{\"refresh_token\":\"" + refreshToken + "\"}")
                    .post("api/auth/refresh");
            if (refresh.statusCode() == 200) {
                refreshToken = refresh.path("refresh_token");
            }
            round = List.of(
                    login.statusCode(),
                    refresh.statusCode(),
                    given().baseUri(BASE).get("health/ready").statusCode());
            if (round.equals(List.of(200, 200, 200))) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(List.of(200, 200, 200), round, "sign-in, refresh, readiness after the database returned");
    }

    private static Response createUser(String adminToken, String username) {
        return given().baseUri(BASE)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + Accounts.PASSWORD
                        + "\",\"roles\":[\"user\"]}")
                .post("api/admin/users");
    }

    private static Response login(String user) {
        return given().baseUri(BASE)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .post("api/auth/login");
    }

    private static int me(String accessToken) {
        return given().baseUri(BASE).auth().oauth2(accessToken).get("api/me").statusCode();
    }

    private static void superuser(String... statements) throws Exception {
        try (Connection admin = PostgreSqlTestDatabase.connect("postgres");
                Statement sql = admin.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /** Ends every session of Keycard's role, waiting (up to 5 s each) until each has ended. */
    private static void terminateSessions() throws Exception {
        try (Connection admin = PostgreSqlTestDatabase.connect("postgres");
                PreparedStatement sql = admin.prepareStatement(
                        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE usename = ?")) {
            sql.setString(1, NAME);
            sql.executeQuery().close();
        }
    }

    private static void awaitSessionsWaitingOnALock(int sessions) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        try (Connection admin = PostgreSqlTestDatabase.connect("postgres");
                PreparedStatement sql = admin.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND wait_event_type = 'Lock'")) {
            sql.setString(1, NAME);
            while (true) {
                try (ResultSet count = sql.executeQuery()) {
                    count.next();
                    if (count.getInt(1) >= sessions) {
                        return;
                    }
                }
                assertTrue(System.currentTimeMillis() < deadline, "Keycard's requests never waited on the lock");
                Thread.sleep(100);
            }
        }
    }
}
