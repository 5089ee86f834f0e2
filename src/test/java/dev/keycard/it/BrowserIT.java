package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sign-in page in Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver (nothing is downloaded at test time). It runs against keycardNodeIT, whose access
 * tokens live 20 seconds, so that a silent refresh happens within a test; on the H2 run only,
 * since the page does not depend on the database.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserIT {

    private static final String SERVER = "node";
    private static final String BASE = "http://localhost:" + System.getProperty("it.node.http.port", "19083") + "/";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Deployment(name = SERVER, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static WebArchive keycard() {
        return Deployments.keycard();
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private static final TestCount TESTS = new TestCount(BrowserIT.class);

    private WebDriver browser;

    @BeforeAll
    static void needsChromium() {
        assumeFalse(PostgreSqlTestDatabase.inUse(), "the page is tested on the H2 run");
        Chromium.require("BrowserIT");
    }

    @BeforeEach
    void startServerAndBrowser() {
        if (!controller.isStarted(SERVER)) {
            controller.start(SERVER);
            deployer.deploy(SERVER);
        }
        browser = Chromium.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (TESTS.lastFinished() && controller.isStarted(SERVER)) {
            deployer.undeploy(SERVER);
            controller.stop(SERVER);
        }
    }

    @Test
    void signInShowsWhoYouAreAndTheDecodedTokenWithEachClaimExplained() throws Exception {
        String user = createUser(false);
        signIn(user, Accounts.PASSWORD);
        waitForText("me-username", user);
        assertEquals("user", text("me-roles"));
        String claims = text("claims");
        for (String claim : List.of("iss", "sub", "exp", "groups", "jti", "auth_time")) {
            assertTrue(claims.contains(claim), claim + " not shown");
        }
        assertTrue(claims.contains("Issuer") && claims.contains("Roles") && claims.contains("Expiry"), claims);
        assertTrue(text("header-claims").contains("ES256"));
        assertTrue(text("countdown").matches("\\d+ s"), text("countdown"));
        Files.createDirectories(SCREENSHOTS);
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOTS.resolve("signed-in.png"),
                StandardCopyOption.REPLACE_EXISTING);
        assertEquals(
                null,
                browser.manage().getCookieNamed("keycard_refresh"),
                "the refresh cookie must not be visible to the page (Path and HttpOnly)");
        assertEquals(
                "0",
                script("return String(window.localStorage.length + window.sessionStorage.length)"),
                "tokens must not be kept in web storage");
    }

    @Test
    void theTokenIsRenewedSilentlyAndAReloadKeepsYouSignedIn() {
        signIn(createUser(false), Accounts.PASSWORD);
        waitForText("renewals", "0");
        String firstJti = claim("jti");
        new WebDriverWait(browser, Duration.ofSeconds(40)).until(d -> !"0".equals(text("renewals")));
        assertNotEquals(firstJti, claim("jti"), "the renewal did not bring a new access token");

        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
        assertFalse(text("me-username").isEmpty());
    }

    @Test
    void signingOutEndsTheSessionForThePageAndTheApi() {
        String user = createUser(false);
        signIn(user, Accounts.PASSWORD);
        waitForText("me-username", user);
        String sid = claim("sid");
        browser.findElement(By.id("sign-out")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));

        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        assertEquals(
                "401",
                script(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch('/api/auth/refresh', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})"
                                + ".then(r => fetch('/api/me')).then(r => done(String(r.status)));",
                        true));
        String access = given().baseUri(BASE)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .post("api/auth/login")
                .path("access_token");
        List<String> live = given().baseUri(BASE)
                .auth()
                .oauth2(access)
                .get("api/me/sessions")
                .path("id");
        assertFalse(live.contains(sid), "the signed-out session is still live");
    }

    @Test
    void aWrongPasswordIsExplainedInWords() {
        signIn(createUser(false), "not-the-password");
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertTrue(error.getText().contains("Wrong username or password"), error.getText());
    }

    @Test
    void anAdministratorCreatesAUserWhoCanThenSignIn() {
        String admin = createUser(true);
        try {
            signIn(admin, Accounts.PASSWORD);
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("admin")));
            String created = "b" + UUID.randomUUID().toString().substring(0, 10);
            browser.findElement(By.id("new-username")).sendKeys(created);
            browser.findElement(By.id("new-user-password")).sendKeys("a-long-new-password-7");
            browser.findElement(By.cssSelector("#create-user button")).click();
            waitForText("admin-message", "Created " + created + ".");
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.cssSelector("#users tr[data-username='" + created + "']"))
                            .isEmpty());

            browser.findElement(By.id("sign-out")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
            signIn(created, "a-long-new-password-7");
            waitForText("me-username", created);
        } finally {
            // Other tests count on "admin" being the only administrator (the last-admin rule).
            given().baseUri(BASE)
                    .auth()
                    .oauth2(Accounts.adminToken(BASE))
                    .delete("api/admin/users/" + admin)
                    .then()
                    .statusCode(204);
        }
    }

    @Test
    void anAdministratorRegistersAnApplicationSeesItsSecretOnceThenDisablesAndDeletesIt() {
        String admin = createUser(true);
        String client = "app-" + UUID.randomUUID().toString().substring(0, 8);
        String row = "#clients tr[data-client-id='" + client + "']";
        try {
            signIn(admin, Accounts.PASSWORD);
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("clients-admin")));
            browser.findElement(By.id("client-kind-application")).click();
            new WebDriverWait(browser, Duration.ofSeconds(5))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("client-redirect-uris")));
            browser.findElement(By.id("client-id")).sendKeys(client);
            browser.findElement(By.id("client-name")).sendKeys("Portal");
            browser.findElement(By.id("client-redirect-uris"))
                    .sendKeys("https://portal.example.com/callback\nhttp://localhost:8080/callback");
            browser.findElement(By.cssSelector("#register-client button[type='submit']"))
                    .click();

            WebElement secretBox = new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("client-secret")));
            assertTrue(secretBox.getText().contains("not shown again"), secretBox.getText());
            assertEquals(client, text("client-secret-for"));
            String secret = text("client-secret-value");
            assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), "not a 256-bit base64url secret: " + secret);
            waitForText("clients-message", "Registered " + client + ".");
            WebElement listed = waitForRow(row);
            String shown = listed.getText();
            assertTrue(
                    shown.contains("application")
                            && shown.contains("https://portal.example.com/callback")
                            && shown.contains("authorization_code"),
                    shown);
            assertEquals("true", listed.getDomAttribute("data-enabled"));
            assertNull(adminApi().get("api/admin/clients/" + client).path("client_secret"), "the API shows it again");

            browser.findElement(By.id("dismiss-client-secret")).click();
            new WebDriverWait(browser, Duration.ofSeconds(5))
                    .until(ExpectedConditions.invisibilityOfElementLocated(By.id("client-secret")));
            assertEquals("", browser.findElement(By.id("client-secret-value")).getDomProperty("textContent"));
            assertFalse(browser.getPageSource().contains(secret), "the dismissed secret is still in the page");

            waitForRow(row)
                    .findElement(By.cssSelector("button[data-action='toggle']"))
                    .click();
            waitForRow(row + "[data-enabled='false']");
            waitForText("clients-message", "Disabled " + client + ".");
            assertEquals(
                    Boolean.FALSE, adminApi().get("api/admin/clients/" + client).path("enabled"));

            waitForRow(row)
                    .findElement(By.cssSelector("button[data-action='delete']"))
                    .click();
            new WebDriverWait(browser, Duration.ofSeconds(5))
                    .until(ExpectedConditions.alertIsPresent())
                    .accept();
            waitForText("clients-message", "Deleted " + client + ".");
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> d.findElements(By.cssSelector(row)).isEmpty());
            adminApi().get("api/admin/clients/" + client).then().statusCode(404);
        } finally {
            adminApi().delete("api/admin/clients/" + client);
            // Other tests count on "admin" being the only administrator (the last-admin rule).
            adminApi().delete("api/admin/users/" + admin).then().statusCode(204);
        }
    }

    @Test
    void aUserSetsUpAnAuthenticatorAppOnThePageAndThenSignsInWithItsCode() throws Exception {
        String user = createUser(false);
        signIn(user, Accounts.PASSWORD);
        waitForText("totp-status", "No second factor");
        SecondFactorIT.awayFromAStepBoundary();
        browser.findElement(By.id("totp-start")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("totp-qr")));
        assertTrue(
                browser.findElement(By.id("totp-qr")).getAttribute("src").startsWith("data:image/svg+xml;base64,"),
                "the QR code is drawn by Keycard, no third party");
        String secret = text("totp-secret");
        browser.findElement(By.id("totp-code")).sendKeys(SecondFactorIT.code(secret, 0));
        browser.findElement(By.cssSelector("#totp-confirm button")).click();
        waitForText("factor-message", "The app is set up");
        assertEquals(
                10,
                browser.findElements(By.cssSelector("#recovery-code-list li")).size());
        browser.findElement(By.id("recovery-codes-saved")).click();
        Files.createDirectories(SCREENSHOTS);
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOTS.resolve("second-factor.png"),
                StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.id("sign-out")).click();
        signIn(user, Accounts.PASSWORD);
        WebElement otp = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("otp")));
        waitForText("sign-in-error", "second factor");
        otp.sendKeys(SecondFactorIT.code(secret, 1));
        browser.findElement(By.cssSelector("#sign-in button")).click();
        waitForText("me-username", user);
        assertTrue(claim("amr").contains("mfa"), claim("amr"));
    }

    private void signIn(String user, String password) {
        browser.get(BASE);
        WebElement name = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#sign-in button")).click();
    }

    private void waitForText(String id, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
    }

    /** The row the selector finds, once the list (which is redrawn after every change) shows it. */
    private WebElement waitForRow(String selector) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(selector)));
    }

    /** A request as the bootstrap administrator, through the API rather than the page. */
    private static RequestSpecification adminApi() {
        return given().baseUri(BASE).auth().oauth2(Accounts.adminToken(BASE));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** A claim's value as the page shows it in the decoded-token table. */
    private String claim(String name) {
        return browser.findElement(By.xpath("//table[@id='claims']//tr[td[1]='" + name + "']/td[2]"))
                .getText();
    }

    private Object script(String code) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(code);
    }

    private Object script(String code, boolean async) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(code);
    }

    private static String createUser(boolean admin) {
        return Accounts.createThroughAdmin(BASE, admin);
    }
}
