package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keycard.it.Applications.App;
import dev.keycard.it.SsoBrowser.Pkce;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Users from a real OpenLDAP server (Debian's slapd, seeded with TEST-ONLY-seed.ldif) signing in to
 * a Keycard server configured for it over LDAPS (keycardLdapIT), next to local accounts: search as
 * the service account and bind as the person, roles from groups reaching {@code @RolesAllowed},
 * the subject surviving a rename, the directory's removals, locks and group changes reaching
 * sessions at the next refresh, filters no username can change, a lockout that stays here, and a
 * directory that is down or hangs costing its users a bounded 503 and nobody else anything. On
 * the H2 run only: what is tested is the directory, not the database.
 */
@ExtendWith(ArquillianExtension.class)
class DirectoryIT {

    private static final String SERVER = "ldap";
    private static final String BASE = "http://localhost:" + System.getProperty("it.ldap.http.port", "19086") + "/";
    private static final int LDAP_PORT = 19389;
    private static final int LDAPS_PORT = 19636;
    /** The server's keycard.ldap.connect-timeout and response-timeout, 1 s and 2 s, with room. */
    private static final Duration BOUND = Duration.ofSeconds(12);

    private static final TestCount TESTS = new TestCount(DirectoryIT.class);
    private static Slapd slapd;

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
    void directoryAndServer() throws Exception {
        assumeTrue(!PostgreSqlTestDatabase.inUse(), "the directory is tested on the H2 run");
        if (slapd == null) {
            slapd = Slapd.start(Path.of(System.getProperty("it.slapd.dir", "target/slapd")), LDAP_PORT, LDAPS_PORT);
        }
        if (!controller.isStarted(SERVER)) {
            // A new directory has new entryUUIDs: the accounts of an earlier run's directory go too.
            deleteRecursively(Path.of(System.getProperty("wlp.home"), "usr/servers/keycardLdapIT/data"));
            controller.start(SERVER);
            deployer.deploy(SERVER);
        }
    }

    @AfterEach
    void stopAfterTheLastTest() {
        if (PostgreSqlTestDatabase.inUse() || !TESTS.lastFinished()) {
            return;
        }
        deployer.undeploy(SERVER);
        controller.stop(SERVER);
        slapd.stop();
    }

    @Test
    void directoryUserSignsInWithTheDirectoryPasswordAndGetsRolesFromGroups() {
        JsonPath alice = signIn("alice");
        JsonPath claims = claims(alice.getString("access_token"));
        assertEquals("alice", claims.getString("upn"));
        assertEquals(List.of("admin", "user"), claims.getList("groups"), "admins → admin, and user for all");
        // admin reaches @RolesAllowed("admin"), and the admin API says where she comes from.
        JsonPath view = JsonPath.from(api().auth()
                .oauth2(alice.getString("access_token"))
                .get("api/admin/users/alice")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals("directory", view.getString("source"));
        assertEquals("Alice Liddell", view.getString("attributes.name"));
        assertEquals("alice@keycard.test", view.getString("attributes.email"));

        JsonPath bob = signIn("bob");
        assertEquals(
                List.of("auditor", "user"),
                claims(bob.getString("access_token")).getList("groups"));
        api().auth()
                .oauth2(bob.getString("access_token"))
                .get("api/admin/users")
                .then()
                .statusCode(403);
        api().auth()
                .oauth2(bob.getString("access_token"))
                .get("api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("bob"));
    }

    @Test
    void theSubjectIsDerivedFromTheDirectoryIdSoARenamedPersonKeepsIt() {
        String before = claims(signIn("frank").getString("access_token")).getString("sub");
        slapd.rename("frank", "frank2");
        slapd.add("frank", Slapd.password("frank") + "-new");
        try {
            String renamed = claims(signIn("frank2", Slapd.password("frank")).getString("access_token"))
                    .getString("sub");
            assertEquals(before, renamed, "the renamed person keeps their subject");
            JsonPath newcomer =
                    claims(signIn("frank", Slapd.password("frank") + "-new").getString("access_token"));
            assertNotEquals(before, newcomer.getString("sub"), "a new person under the old name is someone else");
            assertEquals("frank", newcomer.getString("upn"));
            login("frank", Slapd.password("frank")).then().statusCode(401);
        } finally {
            slapd.delete("frank");
            slapd.rename("frank2", "frank");
        }
    }

    @Test
    void parallelFirstSignInsOfOnePersonAllSucceedWithOneAccount() throws Exception {
        slapd.add("oscar", Slapd.password("oscar"));
        // Three: each bind is counted as wrong before it is sent (a success clears the count), so a
        // fourth at once would meet keycard.ldap.bind-failure-limit, as a burst of guesses does.
        List<Integer> statuses = AtOnce.statuses(
                3, i -> () -> login("oscar", Slapd.password("oscar")).statusCode());
        assertEquals(List.of(200, 200, 200), statuses);
        List<String> created = api().auth()
                .oauth2(Accounts.adminToken(BASE))
                .queryParam("type", "user_created")
                .queryParam("user", "oscar")
                .get("api/admin/events")
                .jsonPath()
                .getList("detail", String.class);
        assertEquals(1, created.size(), created.toString());
    }

    @Test
    void aNameWithLdapSpecialCharactersIsOneValueOfTheFilter() {
        String special = "j(o)hn*\\,doe";
        JsonPath john = signIn(special);
        assertEquals(special, claims(john.getString("access_token")).getString("upn"));
        assertEquals(
                List.of("auditor", "user"),
                claims(john.getString("access_token")).getList("groups"));
    }

    @Test
    void noUsernameCanChangeTheSearchFilter() {
        String alice = Slapd.password("alice");
        for (String attempt : List.of(
                "*",
                "a*",
                "*)(uid=*",
                ")(uid=*",
                "alice)(uid=*",
                "admin)(|(uid=*",
                "\\2a",
                "\\00",
                "al\\69ce",
                "(uid=alice)")) {
            login(attempt, alice)
                    .then()
                    .statusCode(401)
                    .body("type", equalTo("urn:keycard:problem:invalid-credentials"));
        }
        // A NUL itself never reaches the directory: it is not a character a username may hold.
        login("alice\u0000", alice).then().statusCode(400);
    }

    @Test
    void unknownUserWrongPasswordAndDisabledPersonGetOneAnswer() {
        String unknown = login("nobody", "test-only-nobody-Pa55word!").asString();
        String wrong = login("carol", "test-only-wrong-Pa55word!").asString();
        // dave is locked for good in the directory (pwdAccountLockedTime 000001010000Z).
        String disabled = login("dave", Slapd.password("dave")).asString();
        assertEquals(unknown, wrong);
        assertEquals(unknown, disabled);
        assertTrue(unknown.contains("invalid-credentials"), unknown);
        List<String> failures = events("login_failure");
        assertTrue(failures.contains("wrong_password, directory user"), failures.toString());
        assertTrue(failures.contains("disabled, directory user"), failures.toString());
    }

    @Test
    void aLocalAccountAndADirectoryPersonNeverShareAName() {
        // The directory has a person named admin too: the name is the local account's.
        String admin = Accounts.adminToken(BASE);
        login("admin", Slapd.password("admin")).then().statusCode(401);
        assertEquals(
                "local", api().auth().oauth2(admin).get("api/admin/users/admin").path("source"));
        // And no local account can take a directory person's name, signed in here or not.
        api().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Json.createObjectBuilder()
                        .add("username", "ivan")
                        .add("password", "a long local passphrase 7")
                        .build()
                        .toString())
                .post("api/admin/users")
                .then()
                .statusCode(409)
                .body("detail", containsString("directory"));
    }

    @Test
    void theLastLocalAdministratorStaysWhateverAdministratorsTheDirectoryHas() {
        // alice is an administrator through the directory's admins group...
        String alice = signIn("alice").getString("access_token");
        // ...yet the local admin cannot be removed: a directory outage or group change would
        // leave nobody who can administer Keycard.
        api().auth().oauth2(alice).delete("api/admin/users/admin").then().statusCode(409);
        api().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("api/admin/users/admin")
                .then()
                .statusCode(409);
    }

    @Test
    void theDirectoryKeepsADirectoryUsersPasswordRolesAndProfile() {
        JsonPath carol = signIn("carol");
        String admin = Accounts.adminToken(BASE);
        api().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"password\":\"a long local passphrase 7\"}")
                .post("api/admin/users/carol/password")
                .then()
                .statusCode(409)
                .body("detail", containsString("directory"));
        api().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"roles\":[\"user\",\"admin\"]}")
                .patch("api/admin/users/carol")
                .then()
                .statusCode(409);
        api().auth()
                .oauth2(carol.getString("access_token"))
                .contentType(ContentType.JSON)
                .body("{\"current_password\":\"" + Slapd.password("carol")
                        + "\",\"new_password\":\"a long local passphrase 7\"}")
                .post("api/me/password")
                .then()
                .statusCode(409);
        // Keycard's own switch still works for a directory user: disabled here, refused here.
        api().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("api/admin/users/carol")
                .then()
                .statusCode(200);
        login("carol", Slapd.password("carol")).then().statusCode(401);
        api().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"enabled\":true}")
                .patch("api/admin/users/carol")
                .then()
                .statusCode(200);
        signIn("carol");
        assertTrue(slapd.canBind("carol", Slapd.password("carol")), "the directory password is unchanged");
    }

    @Test
    void theAdminPageShowsWhereEachUserComesFromAndOffersNoPasswordResetForDirectoryUsers() {
        Chromium.require("DirectoryIT's admin page test");
        WebDriver browser = Chromium.start();
        try {
            browser.get(BASE);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                    .sendKeys("alice");
            browser.findElement(By.id("password")).sendKeys(Slapd.password("alice"));
            browser.findElement(By.cssSelector("#sign-in button")).click();
            WebElement alice = wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#users tr[data-username='alice']")));
            WebElement admin = browser.findElement(By.cssSelector("#users tr[data-username='admin']"));
            assertEquals(
                    "directory", alice.findElements(By.tagName("td")).get(1).getText());
            assertEquals("local", admin.findElements(By.tagName("td")).get(1).getText());
            assertFalse(alice.getText().contains("Reset password"), alice.getText());
            assertTrue(admin.getText().contains("Reset password"), admin.getText());
        } finally {
            browser.quit();
        }
    }

    @Test
    void groupChangesInTheDirectoryReachTheNextRefresh() {
        JsonPath signedIn = signIn("erin");
        assertEquals(List.of("user"), claims(signedIn.getString("access_token")).getList("groups"));
        slapd.addToGroup("erin", "admins");
        JsonPath refreshed = refresh(signedIn.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of("admin", "user"),
                claims(refreshed.getString("access_token")).getList("groups"));
        slapd.removeFromGroup("erin", "admins");
        JsonPath again = refresh(refreshed.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of("user"), claims(again.getString("access_token")).getList("groups"));
    }

    @Test
    void aPersonRemovedFromTheDirectoryIsRefusedAtTheNextRefreshAndEverySessionEnds() {
        JsonPath first = signIn("grace");
        JsonPath second = signIn("grace");
        slapd.delete("grace");
        refresh(first.getString("refresh_token")).then().statusCode(401);
        // Every session ended: the other login's refresh token and both access tokens.
        refresh(second.getString("refresh_token")).then().statusCode(401);
        me(first.getString("access_token")).then().statusCode(401);
        me(second.getString("access_token")).then().statusCode(401);
        login("grace", Slapd.password("grace")).then().statusCode(401);
        assertTrue(events("directory_user_refused").contains("no longer in the directory; every session ended"));
    }

    @Test
    void aPersonRemovedFromTheDirectoryGetsNoMoreCodesFromTheirSsoSession() {
        App app = Applications.register(BASE, Accounts.adminToken(BASE), "client_secret_basic", "");
        slapd.add("peggy", Slapd.password("peggy"));
        SsoBrowser browser = new SsoBrowser(BASE);
        Response form = browser.authorize(Applications.authorizationRequest(app, Pkce.create()));
        assertEquals(303, browser.signIn(form, "peggy", Slapd.password("peggy")).statusCode());
        // The SSO session alone gets the next code...
        assertEquals(
                302,
                browser.authorize(Applications.authorizationRequest(app, Pkce.create()))
                        .statusCode());
        slapd.delete("peggy");
        // ...until the directory no longer has the person: then the sign-in form, and no session.
        Response after = browser.authorize(Applications.authorizationRequest(app, Pkce.create()));
        assertEquals(200, after.statusCode());
        assertTrue(after.asString().contains("name=\"password\""), "the sign-in form");
        assertTrue(events("directory_user_refused").contains("no longer in the directory; every session ended"));
    }

    @Test
    void aPersonLockedInTheDirectoryIsRefusedAtTheNextRefreshAndEverySessionEnds() {
        JsonPath signedIn = signIn("heidi");
        slapd.lock("heidi");
        refresh(signedIn.getString("refresh_token")).then().statusCode(401);
        me(signedIn.getString("access_token")).then().statusCode(401);
        login("heidi", Slapd.password("heidi")).then().statusCode(401);
    }

    /**
     * The directory locks a person after 8 wrong binds (its password policy, shown on ivan), so
     * a Keycard that passed every guess on would lock bob out of everything. Keycard sends at most
     * 3 wrong binds until a success (keycard.ldap.bind-failure-limit; this server's window is
     * "never", like the directory's), and locks its own account after 5: bob's directory account
     * stays open.
     */
    @Test
    void wrongPasswordsLockTheKeycardAccountAndNeverTheDirectoryAccount() {
        for (int i = 0; i < 8; i++) {
            assertFalse(slapd.canBind("ivan", "test-only-wrong-Pa55word!"));
        }
        assertTrue(slapd.lockedInDirectory("ivan"), "the directory's own policy locks after 8");

        for (int i = 0; i < 15; i++) {
            login("bob", "test-only-wrong-Pa55word!").then().statusCode(401);
        }
        login("bob", Slapd.password("bob")).then().statusCode(401);
        assertTrue(events("account_locked").stream().anyMatch(detail -> detail.startsWith("until")));
        assertEquals(3, slapd.failedBinds("bob"), "wrong binds Keycard sent the directory");
        assertFalse(slapd.lockedInDirectory("bob"), "Keycard's guesses locked the directory account");
        assertTrue(slapd.canBind("bob", Slapd.password("bob")), "bob can no longer use the directory");
        api().auth()
                .oauth2(Accounts.adminToken(BASE))
                .post("api/admin/users/bob/unlock")
                .then()
                .statusCode(204);
        signIn("bob");
        assertEquals(0, slapd.failedBinds("bob"), "the good bind cleared the directory's count");
    }

    @Test
    void aStoppedDirectoryIsA503ForDirectoryUsersOnlyAndRecoversWithoutRestart() {
        JsonPath alice = signIn("alice");
        slapd.stop();
        try {
            assertDirectoryUnavailable(login("alice", Slapd.password("alice")));
            assertDirectoryUnavailable(refresh(alice.getString("refresh_token")));
            assertUnaffected(alice);
            awaitDegraded();
        } finally {
            slapd.restart();
        }
        awaitRecovery();
        // The refresh refused during the outage changed nothing: the token still works.
        refresh(alice.getString("refresh_token")).then().statusCode(200);
    }

    @Test
    void aHangingDirectoryIsA503WithinTheTimeoutAndRecoversWithoutRestart() {
        JsonPath alice = signIn("alice");
        slapd.hang();
        try {
            Instant started = Instant.now();
            assertDirectoryUnavailable(login("alice", Slapd.password("alice")));
            Duration took = Duration.between(started, Instant.now());
            assertTrue(took.compareTo(BOUND) < 0, "a sign-in waited " + took + " on a hanging directory");
            started = Instant.now();
            assertDirectoryUnavailable(refresh(alice.getString("refresh_token")));
            took = Duration.between(started, Instant.now());
            assertTrue(took.compareTo(BOUND) < 0, "a refresh waited " + took + " on a hanging directory");
            assertUnaffected(alice);
            awaitDegraded();
        } finally {
            slapd.resume();
        }
        awaitRecovery();
        refresh(alice.getString("refresh_token")).then().statusCode(200);
    }

    /** Local accounts sign in, tokens are validated, and no local account can take a name unchecked. */
    private static void assertUnaffected(JsonPath directoryUser) {
        String admin = Accounts.adminToken(BASE);
        me(directoryUser.getString("access_token")).then().statusCode(200);
        api().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"local-while-down\",\"password\":\"a long local passphrase 7\"}")
                .post("api/admin/users")
                .then()
                .statusCode(503)
                .body("type", equalTo("urn:keycard:problem:directory-unavailable"));
    }

    private static void assertDirectoryUnavailable(Response response) {
        response.then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("urn:keycard:problem:directory-unavailable"));
    }

    /** Readiness stays UP (local accounts still sign in) and reports the directory degraded. */
    private static void awaitDegraded() {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonPath health;
        do {
            health = api().get("health/ready").then().statusCode(200).extract().jsonPath();
        } while (!"degraded".equals(directoryState(health)) && Instant.now().isBefore(deadline));
        assertEquals("UP", health.getString("status"));
        assertEquals("degraded", directoryState(health), health.prettify());
    }

    private static void awaitRecovery() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (login("alice", Slapd.password("alice")).statusCode() != 200) {
            assertTrue(Instant.now().isBefore(deadline), "no recovery within 30 s");
            sleep(500);
        }
        String state = directoryState(api().get("health/ready").jsonPath());
        assertEquals("up", state);
    }

    private static String directoryState(JsonPath health) {
        return health.getString("checks.find { it.name == 'directory' }.data.state");
    }

    /** Requests that give up after 30 s: a request hanging on the directory must fail the test, not CI. */
    private static RequestSpecification api() {
        return given().config(RestAssured.config()
                        .httpClient(HttpClientConfig.httpClientConfig()
                                .setParam("http.connection.timeout", 5_000)
                                .setParam("http.socket.timeout", 30_000)))
                .baseUri(BASE);
    }

    private static JsonPath signIn(String username) {
        return signIn(username, Slapd.password(username));
    }

    private static JsonPath signIn(String username, String password) {
        return login(username, password).then().statusCode(200).extract().jsonPath();
    }

    private static Response login(String username, String password) {
        return api().contentType(ContentType.JSON)
                .body(Json.createObjectBuilder()
                        .add("username", username)
                        .add("password", password)
                        .build()
                        .toString())
                .post("api/auth/login");
    }

    private static Response refresh(String refreshToken) {
        return api().contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + refreshToken + "\"}")
                .post("api/auth/refresh");
    }

    private static Response me(String accessToken) {
        return api().auth().oauth2(accessToken).get("api/me");
    }

    private static JsonPath claims(String accessToken) {
        return JsonPath.from(TestTokens.payload(accessToken));
    }

    private static List<String> events(String type) {
        return api().auth()
                .oauth2(Accounts.adminToken(BASE))
                .queryParam("type", type)
                .queryParam("limit", 500)
                .get("api/admin/events")
                .jsonPath()
                .getList("detail", String.class);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
