package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * Two Keycard nodes of one installation: the same issuer, algorithm and lifetimes, one shared
 * database (H2 in the suite's first run, PostgreSQL in its second). Node A is the keycardFreshIT
 * server, node B keycardNodeIT, which in the PostgreSQL run reaches the database through a
 * {@link DatabaseLink} that a test cuts. Both stay up for the whole class. The crash and the
 * outage are staged on PostgreSQL only, the database a cluster runs on.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterIT {

    private static final String NODE_A = "fresh";
    private static final String NODE_B = "node";
    private static final String A = "http://localhost:" + System.getProperty("it.fresh.http.port", "19081") + "/";
    private static final String B = "http://localhost:" + System.getProperty("it.node.http.port", "19083") + "/";
    /** Node B polls for revocations every second; the documented default bound is 5 s. */
    private static final long STALENESS_BOUND_MS = 5_000;
    /** Both nodes re-read the keys every second here; the documented default bound is 5 s. */
    private static final long KEY_REFRESH_BOUND_MS = 5_000;
    /**
     * The id of the TEST-ONLY key-encryption key that both nodes read from their variables folder
     * (src/test/resources/liberty/keycard*IT/variables): the first 8 bytes of its SHA-256, in hex.
     */
    private static final String TEST_KEK_ID = "12a90a34f3fbc33b";

    private static DatabaseLink link;
    private static final TestCount TESTS = new TestCount(ClusterIT.class);

    @Deployment(name = NODE_A, managed = false, testable = false)
    @TargetsContainer(NODE_A)
    static WebArchive nodeA() {
        return Deployments.keycard();
    }

    @Deployment(name = NODE_B, managed = false, testable = false)
    @TargetsContainer(NODE_B)
    static WebArchive nodeB() {
        return Deployments.keycard();
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @BeforeEach
    void bothNodesRun() throws Exception {
        if (PostgreSqlTestDatabase.inUse() && link == null) {
            link = new DatabaseLink(
                    Integer.getInteger("it.pg.link.port"),
                    System.getProperty("it.pg.host"),
                    Integer.getInteger("it.pg.port"));
        }
        if (link != null) {
            link.restore();
        }
        // Node A first: it creates the signing key that node B then loads from the database.
        for (String node : List.of(NODE_A, NODE_B)) {
            if (!controller.isStarted(node)) {
                controller.start(node);
                deployer.deploy(node);
            }
        }
    }

    @AfterEach
    void stopBothNodesAfterTheLastTest() throws Exception {
        if (!TESTS.lastFinished()) {
            return;
        }
        for (String node : List.of(NODE_B, NODE_A)) {
            deployer.undeploy(node);
            controller.stop(node);
        }
        if (link != null) {
            link.close();
            link = null;
        }
    }

    @Test
    void accessTokenIssuedByOneNodeIsAcceptedByTheOther() {
        String user = createUser();
        String token = login(A, user).getString("access_token");
        given().baseUri(B)
                .auth()
                .oauth2(token)
                .get("api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo(user));
    }

    @Test
    void auditEventsReachAJsonLogAsOneObjectPerLine() throws Exception {
        String user = createUser();
        login(B, user);
        java.nio.file.Path log =
                java.nio.file.Path.of(System.getProperty("wlp.home"), "usr/servers/keycardNodeIT/logs/messages.log");
        String event = "\"event\":\"login_success\",\"username\":\"" + user + "\"";
        JsonPath line = null;
        for (long deadline = System.currentTimeMillis() + 5_000;
                line == null && System.currentTimeMillis() < deadline; ) {
            line = java.nio.file.Files.readAllLines(log).stream()
                    .filter(l -> l.contains(user) && l.contains("login_success"))
                    .map(JsonPath::from)
                    .findFirst()
                    .orElse(null);
            Thread.sleep(100);
        }
        assertNotNull(line, "no JSON log line for the login");
        assertEquals("dev.keycard.audit", line.getString("module"));
        assertTrue(line.getString("message").contains(event), line.getString("message"));
        assertNotNull(line.getString("ibm_datetime"));
    }

    @Test
    void signOutOnOneNodeIsRefusedOnTheOtherWithinTheStalenessBound() throws Exception {
        String token = login(A, createUser()).getString("access_token");
        given().baseUri(B).auth().oauth2(token).get("api/me").then().statusCode(200);
        given().baseUri(A).auth().oauth2(token).post("api/auth/logout").then().statusCode(204);
        assertEquals(
                401,
                statusWithin(STALENESS_BOUND_MS, () -> me(B, token)),
                "node B still accepts a token signed out on A");
    }

    @Test
    void parallelRefreshesOnBothNodesGiveExactlyOneSuccess() throws Exception {
        String token = login(A, createUser()).getString("refresh_token");
        AtOnce.exactlyOneSucceeded(AtOnce.statuses(16, i -> () -> refresh(i % 2 == 0 ? A : B, token)));
    }

    @Test
    void reuseOnOneNodeOfATokenSpentOnTheOtherRevokesTheFamilyEverywhere() throws Exception {
        JsonPath first = login(A, createUser());
        JsonPath second = refreshed(A, first.getString("refresh_token"));
        Thread.sleep(2_500); // past the reuse grace
        assertEquals(401, refresh(B, first.getString("refresh_token")), "reuse on node B");
        assertEquals(401, refresh(A, second.getString("refresh_token")), "family revoked for node A");
        assertEquals(
                401,
                statusWithin(STALENESS_BOUND_MS, () -> me(A, second.getString("access_token"))),
                "node A still accepts an access token of the family that node B revoked");
    }

    @Test
    void keyRotatedOnOneNodeIsPublishedAndUsedByTheOther() throws Exception {
        String admin = adminToken(A);
        String newKid = given().baseUri(A)
                .auth()
                .oauth2(admin)
                .post("api/admin/keys/rotate")
                .then()
                .statusCode(202)
                .extract()
                .path("kid");
        // Published by B within its key refresh (1 s here) ...
        assertEquals(
                200,
                statusWithin(
                        5_000,
                        () -> given().baseUri(B)
                                        .get(".well-known/jwks.json")
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getList("keys.kid")
                                        .contains(newKid)
                                ? 200
                                : 0));
        // ... and used by B for signing once it activates (publish-ahead: 4 s here).
        String user = createUser();
        assertEquals(
                200,
                statusWithin(10_000, () -> newKid.equals(kid(login(B, user).getString("access_token"))) ? 200 : 0),
                "node B never signed with the key rotated on node A");
        String signedByB = login(B, user).getString("access_token");
        given().baseUri(A).auth().oauth2(signedByB).get("api/me").then().statusCode(200);
    }

    @Test
    void keyRevokedOnOneNodeIsWithdrawnEverywhereAndANewKeySignsAtOnce() throws Exception {
        String user = createUser();
        String old = login(A, user).getString("access_token");
        String oldKid = kid(old);
        assertEquals(200, me(B, old));

        String signingKid = given().baseUri(A)
                .auth()
                .oauth2(adminToken(A))
                .post("api/admin/keys/" + oldKid + "/revoke")
                .then()
                .statusCode(200)
                .body("kid", equalTo(oldKid))
                .extract()
                .path("signing_kid");
        assertNotEquals(oldKid, signingKid);

        // Node A, at once: the key is gone from its JWKS and its tokens are refused ...
        given().baseUri(A)
                .auth()
                .oauth2(old)
                .get("api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("error=\"invalid_token\""))
                .body("type", equalTo("urn:keycard:problem:invalid-token"));
        assertFalse(published(A).contains(oldKid));
        assertTrue(published(A).contains(signingKid));
        // ... and the new key signs without a publish-ahead wait.
        String fresh = login(A, user).getString("access_token");
        assertEquals(signingKid, kid(fresh));
        assertEquals(200, me(A, fresh));

        // Node B, within its key refresh.
        assertEquals(
                401,
                statusWithin(KEY_REFRESH_BOUND_MS, () -> me(B, old)),
                "node B still accepts a token signed by the key revoked on node A");
        assertFalse(published(B).contains(oldKid));
        assertEquals(200, me(B, fresh));
        assertEquals(signingKid, kid(login(B, user).getString("access_token")));

        // The revoking administrator's own token was signed by that key: a new sign-in lists it.
        String admin = adminToken(A);
        assertEquals("revoked", RotationIT.keyState(A, admin, oldKid));
        // Revoking it again is answered the same, and changes nothing.
        given().baseUri(B)
                .auth()
                .oauth2(admin)
                .post("api/admin/keys/" + oldKid + "/revoke")
                .then()
                .statusCode(200)
                .body("signing_kid", equalTo(signingKid));
        List<String> details = given().baseUri(A)
                .auth()
                .oauth2(admin)
                .queryParam("type", "key_revoked")
                .get("api/admin/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("detail");
        assertEquals(
                1,
                details.stream().filter(d -> d.contains(oldKid)).count(),
                "one audit event for the revocation: " + details);
    }

    @Test
    void signingKeysAreStoredEncryptedAndAKeyFoundInClearIsEncryptedAtOnce() throws Exception {
        adminToken(A); // both nodes up and signing
        try (Connection db = database();
                ResultSet keys =
                        db.createStatement().executeQuery("SELECT kid, kek_id, private_key FROM signing_keys")) {
            int count = 0;
            while (keys.next()) {
                count++;
                assertEquals(TEST_KEK_ID, keys.getString("kek_id"), "key " + keys.getString("kid"));
                assertFalse(isPkcs8(keys.getString("private_key")), "clear PKCS#8 for " + keys.getString("kid"));
            }
            assertTrue(count > 0);
        }

        // A key stored in clear, as by a version before encryption (revoked, so that it is never used).
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = generator.generateKeyPair();
        String clearKid = new org.jose4j.jwk.EllipticCurveJsonWebKey(
                        (java.security.interfaces.ECPublicKey) pair.getPublic())
                .calculateBase64urlEncodedThumbprint(org.jose4j.lang.HashUtil.SHA_256);
        java.time.OffsetDateTime longAgo = java.time.OffsetDateTime.parse("2020-01-01T00:00:00Z");
        try (Connection db = database();
                PreparedStatement insert = db.prepareStatement("INSERT INTO signing_keys (kid, algorithm, state,"
                        + " public_key, private_key, created_at, activates_at, revoked_at)"
                        + " VALUES (?, 'ES256', 'active', ?, ?, ?, ?, ?)")) {
            insert.setString(1, clearKid);
            insert.setString(
                    2, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            insert.setString(
                    3, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            insert.setObject(4, longAgo);
            insert.setObject(5, longAgo);
            insert.setObject(6, longAgo);
            insert.executeUpdate();
        }
        assertEquals(
                200,
                statusWithin(KEY_REFRESH_BOUND_MS, () -> TEST_KEK_ID.equals(kekId(clearKid)) ? 200 : 0),
                "the key in clear was not encrypted");
        try (Connection db = database();
                PreparedStatement select = db.prepareStatement("SELECT private_key FROM signing_keys WHERE kid = ?")) {
            select.setString(1, clearKid);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertFalse(isPkcs8(row.getString(1)));
            }
        }
        String logs = java.nio.file.Files.readString(java.nio.file.Path.of(
                        System.getProperty("wlp.home"), "usr/servers/keycardFreshIT/logs/messages.log"))
                + java.nio.file.Files.readString(java.nio.file.Path.of(
                        System.getProperty("wlp.home"), "usr/servers/keycardNodeIT/logs/messages.log"));
        assertTrue(
                logs.contains("Encrypted signing key " + clearKid + " (stored in clear)"),
                "the migration of a key in clear is logged");
        assertEquals(200, me(B, adminToken(A)));
    }

    private static String kekId(String kid) throws Exception {
        try (Connection db = database();
                PreparedStatement select = db.prepareStatement("SELECT kek_id FROM signing_keys WHERE kid = ?")) {
            select.setString(1, kid);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static boolean isPkcs8(String stored) {
        try {
            java.security.KeyFactory.getInstance("EC")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                            Base64.getDecoder().decode(stored)));
            return true;
        } catch (Exception notPkcs8) {
            return false;
        }
    }

    private static List<String> published(String base) {
        return given().baseUri(base).get(".well-known/jwks.json").jsonPath().getList("keys.kid");
    }

    /**
     * A stream of refreshes on node A, which is killed with SIGKILL in the middle of it. Each
     * family's refresh is one transaction, so each is rotated or not, never half: exactly one
     * live refresh token, never revoked, and node B carries on with it.
     */
    @Test
    void killingANodeMidRefreshLosesNothingAndTheOtherNodeCarriesOn() throws Exception {
        // Embedded H2 is a single-machine database: the process that opened the file first serves
        // it to the others, and H2 writes commits to disk up to half a second late.
        assumeTrue(PostgreSqlTestDatabase.inUse(), "a node's crash is staged on PostgreSQL only");
        String user = createUser();
        int families = 8;
        List<AtomicReference<String>> latest = new ArrayList<>();
        for (int i = 0; i < families; i++) {
            latest.add(new AtomicReference<>(login(B, user).getString("refresh_token")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(families);
        AtomicBoolean dead = new AtomicBoolean();
        List<Future<Integer>> streams = new ArrayList<>();
        try {
            for (AtomicReference<String> family : latest) {
                streams.add(pool.submit(() -> {
                    int rotations = 0;
                    while (!dead.get()) {
                        try {
                            JsonPath next = given().baseUri(A)
                                    .contentType(ContentType.JSON)
                                    .body("{\"refresh_token\":\"" + family.get() + "\"}")
                                    .post("api/auth/refresh")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath();
                            family.set(next.getString("refresh_token"));
                            rotations++;
                        } catch (Exception | AssertionError connectionLost) {
                            return rotations;
                        }
                    }
                    return rotations;
                }));
            }
            Thread.sleep(1_500);
            killNodeA();
            dead.set(true);
            int rotations = 0;
            for (Future<Integer> stream : streams) {
                rotations += stream.get(30, TimeUnit.SECONDS);
            }
            assertTrue(rotations > families, "the stream never got going: " + rotations + " rotations");
        } finally {
            pool.shutdownNow();
        }

        try (Connection db = database()) {
            for (AtomicReference<String> family : latest) {
                String held = family.get();
                FamilyState state = FamilyState.of(db, hash(held));
                assertNull(state.revokedAt, "a family was revoked by the crash");
                assertEquals(1, state.liveTokens, "a family does not have exactly one live refresh token");
                if (state.heldIsLive) {
                    // Not rotated by the request the kill interrupted: node B rotates it now.
                    assertEquals(200, refresh(B, held), "node B refused a family's live refresh token");
                } else {
                    // Rotated, and only the answer was lost: the spent token is refused as such.
                    assertEquals(401, refresh(B, held));
                }
            }
            given().baseUri(B)
                    .auth()
                    .oauth2(login(B, user).getString("access_token"))
                    .get("api/me")
                    .then()
                    .statusCode(200);
        } finally {
            restartNodeA();
        }
    }

    /**
     * With its database gone, node B still validates access tokens and still refuses the
     * revocations it knew, while everything that needs the database answers 503 problem+json
     * with Retry-After; when the database comes back, B serves again without a restart.
     */
    @Test
    void nodeWithoutItsDatabaseKeepsValidatingAndRecoversWithoutARestart() throws Exception {
        assumeTrue(PostgreSqlTestDatabase.inUse(), "the database outage is staged on PostgreSQL only");
        String user = createUser();
        JsonPath kept = login(B, user);
        String revoked = login(B, user).getString("access_token");
        given().baseUri(B).auth().oauth2(revoked).post("api/auth/logout").then().statusCode(204);
        assertEquals(401, me(B, revoked));

        link.cut();
        try {
            assertEquals(200, me(B, kept.getString("access_token")), "valid token refused without the database");
            assertEquals(401, me(B, revoked), "revoked token accepted without the database");
            given().baseUri(B).get("health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().baseUri(B)
                    .contentType(ContentType.JSON)
                    .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                    .post("api/auth/login")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", equalTo("urn:keycard:problem:database-unavailable"));
            given().baseUri(B)
                    .contentType(ContentType.JSON)
                    .body("{\"refresh_token\":\"" + kept.getString("refresh_token") + "\"}")
                    .post("api/auth/refresh")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"));
        } finally {
            link.restore();
        }
        assertEquals(
                200,
                statusWithin(
                        20_000,
                        () -> given().baseUri(B)
                                .contentType(ContentType.JSON)
                                .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                                .post("api/auth/login")
                                .statusCode()),
                "node B did not recover when its database returned");
        given().baseUri(B).get("health/ready").then().statusCode(200);
        try (Connection db = database()) {
            assertTrue(
                    FamilyState.of(db, hash(kept.getString("refresh_token"))).heldIsLive(),
                    "the refresh refused during the outage spent its token");
        }
    }

    private void killNodeA() throws Exception {
        ProcessHandle server = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").matches(".*ws-server\\.jar\\s+keycardFreshIT\\b.*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("node A's process not found"));
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no quiesce
        server.onExit().get(30, TimeUnit.SECONDS);
        // Arquillian's stop fails on the dead process; a start then brings node A back on the
        // same database, its application starting again from the dropins folder.
        try {
            controller.stop(NODE_A);
        } catch (Exception alreadyDead) {
            // expected
        }
    }

    private void restartNodeA() throws Exception {
        controller.start(NODE_A);
        assertEquals(
                200,
                statusWithin(
                        60_000, () -> given().baseUri(A).get("api/greeting").statusCode()),
                "node A did not come back after the kill");
    }

    private record FamilyState(String revokedAt, int liveTokens, boolean heldIsLive) {

        static FamilyState of(Connection db, String heldHash) throws Exception {
            String family;
            boolean heldIsLive;
            try (PreparedStatement sql =
                    db.prepareStatement("SELECT family_id, spent_at FROM refresh_tokens WHERE token_hash = ?")) {
                sql.setString(1, heldHash);
                try (ResultSet row = sql.executeQuery()) {
                    assertTrue(row.next(), "a refresh token the test holds is not in the database");
                    family = row.getString(1);
                    heldIsLive = row.getObject(2) == null;
                }
            }
            int live;
            try (PreparedStatement sql = db.prepareStatement(
                    "SELECT COUNT(*) FROM refresh_tokens WHERE family_id = ? AND spent_at IS NULL")) {
                sql.setString(1, family);
                try (ResultSet row = sql.executeQuery()) {
                    row.next();
                    live = row.getInt(1);
                }
            }
            try (PreparedStatement sql = db.prepareStatement("SELECT revoked_at FROM token_families WHERE id = ?")) {
                sql.setString(1, family);
                try (ResultSet row = sql.executeQuery()) {
                    assertTrue(row.next());
                    Object revoked = row.getObject(1);
                    return new FamilyState(revoked == null ? null : revoked.toString(), live, heldIsLive);
                }
            }
        }
    }

    private static Connection database() throws Exception {
        if (PostgreSqlTestDatabase.inUse()) {
            return PostgreSqlTestDatabase.connect(PostgreSqlTestDatabase.name());
        }
        String url = System.getProperty("it.h2.url");
        assertNotNull(url, "it.h2.url");
        return DriverManager.getConnection(url, "keycard", "");
    }

    private static String hash(String refreshToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String kid(String jwt) {
        String header =
                new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        return JsonPath.from(header).getString("kid");
    }

    private interface Status {
        int get() throws Exception;
    }

    /** Polls until the status is no longer 200 (or becomes 200, for a wait for success). */
    private static int statusWithin(long millis, Status check) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        int first = check.get();
        int status = first;
        while (status == first && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            status = check.get();
        }
        return status;
    }

    private static int me(String base, String accessToken) {
        return given().baseUri(base).auth().oauth2(accessToken).get("api/me").statusCode();
    }

    private static int refresh(String base, String token) {
        return given().baseUri(base)
                .contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + token + "\"}")
                .post("api/auth/refresh")
                .statusCode();
    }

    private static JsonPath refreshed(String base, String token) {
        return given().baseUri(base)
                .contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + token + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath login(String base, String user) {
        return given().baseUri(base)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String adminToken(String base) {
        return Accounts.adminToken(base);
    }

    private static String createUser() {
        return Accounts.createThroughAdmin(A, false);
    }
}
