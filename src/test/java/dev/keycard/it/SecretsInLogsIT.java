package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.keycard.it.Applications.App;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No secret in any log (issue 22): real secrets (access, refresh, ID and logout tokens, an
 * authorization code, a client secret, a password, the SSO and refresh cookies, the signing key's
 * private half) and invalid look-alikes are sent in every wrong place on many endpoints, and in
 * malformed requests meant to provoke Liberty's FFDC; then every file under the server's
 * {@code logs} folder and the audit trail are read for them.
 * <p>
 * It runs on the suite's server (keycardIT) rather than a server of its own: those logs are the
 * ones the rest of the suite writes, with Keycard's loggers traced at every level (test-only.xml),
 * and beside this test's own secrets every access, ID or logout token any test sent before is
 * looked for too ({@link #noTokenOfTheWholeSuiteReachesALogFile}). A server of its own would show
 * only what this test does. The suite's order is not fixed, so "before" is whatever ran earlier;
 * ordering the suite for one test would tie the tests together.
 */
class SecretsInLogsIT extends KeycardIT {

    private final String username = "logs-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = "Pw-" + UUID.randomUUID();
    private App app;

    /** Shorter than this, a slice of a secret could occur by chance; this long, it cannot. */
    private static final int SLICE = 16;

    /** A signed JWT (header and payload are base64url JSON objects): any token, whoever sent it. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}");

    /** The application's back-channel endpoint: what it received. */
    private static HttpServer application;

    private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();

    @BeforeAll
    static void startApplication() throws IOException {
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.createContext("/", exchange -> {
            RECEIVED.put(
                    exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        application.start();
    }

    @AfterAll
    static void stopApplication() {
        application.stop(0);
    }

    @Test
    void noSecretSentAnywhereReachesALogFileOrTheAuditTrail() throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        Map<String, String> secrets = obtainSecrets();
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            if (secret.getKey().startsWith("the signing key")) {
                continue; // nothing a client holds, only looked for
            }
            misplace(secret.getKey(), secret.getValue());
            malformed(secret.getValue());
        }
        Thread.sleep(2000); // FFDC files are written in the background

        Map<String, String> slices = slices(secrets);
        List<String> leaks = new ArrayList<>();
        for (Path file : logFiles()) {
            leaks.addAll(leaks(logs().relativize(file).toString(), read(file), slices));
        }
        leaks.addAll(leaks("the audit trail (/api/admin/events)", auditTrailSince(started), slices));
        assertEquals(List.of(), leaks, "secrets in logs or audit events");
    }

    @Test
    void noTokenOfTheWholeSuiteReachesALogFile() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Path file : logFiles()) {
            String text = read(file);
            Matcher token = JWT.matcher(text);
            if (token.find()) {
                leaks.add(logs().relativize(file) + " line " + line(text, token.start()) + ": a JWT");
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** Each secret of Keycard's, obtained as a client would, and look-alikes of each kind. */
    private Map<String, String> obtainSecrets() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        admin().body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[\"user\"]}")
                .post("api/admin/users")
                .then()
                .statusCode(201);
        secrets.put("a user's password", password);

        JsonPath login = Accounts.login(base, username, password);
        secrets.put("an access token", login.getString("access_token"));
        secrets.put("a refresh token", login.getString("refresh_token"));
        Response cookieLogin = api().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"cookie\":true}")
                .post("api/auth/login");
        assertEquals(200, cookieLogin.statusCode());
        secrets.put("the keycard_refresh cookie", cookieLogin.getCookie("keycard_refresh"));
        secrets.put("a service's access token", TestTokens.user());

        app = Applications.confidential(
                base.toString(),
                "\"backchannel_logout_uri\":\"http://localhost:"
                        + application.getAddress().getPort() + "/bc\"");
        secrets.put("a client secret", app.secret());
        SsoBrowser browser = new SsoBrowser(base.toString());
        SsoBrowser.Pkce pkce = SsoBrowser.Pkce.create();
        Map<String, String> redirect = codeFor(browser, pkce);
        secrets.put("the keycard_sso cookie", browser.cookies.get("keycard_sso"));
        String code = redirect.get("code");
        JsonPath exchanged = Applications.exchange(base.toString(), app, code, app.redirectUri(), pkce.verifier())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        secrets.put("an authorization code", code);
        secrets.put("an application's access token", exchanged.getString("access_token"));
        secrets.put("an application's refresh token", exchanged.getString("refresh_token"));
        secrets.put("an ID token", exchanged.getString("id_token"));
        secrets.put(
                "an unused authorization code",
                codeFor(browser, SsoBrowser.Pkce.create()).get("code"));

        // Signing out of the SSO session sends the application a logout token.
        SsoBrowser leaving = new SsoBrowser(base.toString());
        SsoBrowser.Pkce leavingPkce = SsoBrowser.Pkce.create();
        String idToken = Applications.exchange(
                        base.toString(),
                        app,
                        codeFor(leaving, leavingPkce).get("code"),
                        app.redirectUri(),
                        leavingPkce.verifier())
                .then()
                .statusCode(200)
                .extract()
                .path("id_token");
        leaving.request()
                .queryParam("id_token_hint", idToken)
                .queryParam("post_logout_redirect_uri", "https://" + app.id() + ".example.com/bye")
                .get("oauth2/logout")
                .then()
                .statusCode(302);
        secrets.put("a logout token", awaitLogoutToken());
        secondFactorSecrets(secrets);

        secrets.put(
                "a look-alike access token (another key)",
                TestTokens.valid(username, "user").jws().keyId(TestTokens.KID).sign(TestTokens.otherKey()));
        String valid = TestTokens.user();
        secrets.put("a look-alike access token (tampered)", valid.substring(0, valid.length() - 8) + "AAAAAAAA");
        secrets.put("a look-alike refresh token", randomToken());
        secrets.put("the bootstrap administrator's password", TestTokens.ADMIN_PASSWORD);
        secrets.put("the signing keystore's password", "test-only-not-a-secret");
        String pkcs8 = Base64.getEncoder().encodeToString(TestTokens.PRIVATE_KEY.getEncoded());
        // The first bytes of every RSA key's PKCS #8 encoding are the same: only the rest is the key's.
        secrets.put("the signing key's private half (PKCS #8)", pkcs8.substring(64));
        return secrets;
    }

    /**
     * A user of their own with an authenticator app: its secret, a recovery code unused and one spent
     * at a sign-in, and the ticket of the hosted page's second step.
     */
    private void secondFactorSecrets(Map<String, String> secrets) throws InterruptedException {
        String user = "m" + UUID.randomUUID().toString().substring(0, 10);
        admin().body("{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"roles\":[\"user\"]}")
                .post("api/admin/users")
                .then()
                .statusCode(201);
        String token = Accounts.login(base, user, password).getString("access_token");
        SecondFactorIT.awayFromAStepBoundary();
        String secret = api().auth()
                .oauth2(token)
                .post("api/me/totp")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        List<String> recovery = api().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"code\":\"" + SecondFactorIT.code(secret, 0) + "\"}")
                .post("api/me/totp/confirm")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("recovery_codes");
        api().contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"otp\":\"" + recovery.get(1)
                        + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200);
        SsoBrowser browser = new SsoBrowser(base.toString());
        Response second =
                browser.signIn(browser.authorize(Applications.authorizationRequest(app, null)), user, password);
        secrets.put("an authenticator app's secret", secret);
        secrets.put("a recovery code", recovery.get(0));
        secrets.put("a spent recovery code", recovery.get(1));
        secrets.put(
                "the ticket of a sign-in's second step",
                SsoBrowser.hiddenFields(second.asString()).get("ticket"));
    }

    /** The code flow up to the code, signing in at the hosted form with this test's user if asked. */
    private Map<String, String> codeFor(SsoBrowser browser, SsoBrowser.Pkce pkce) {
        Response answer = browser.authorize(Applications.authorizationRequest(app, pkce));
        if (answer.statusCode() == 200) {
            answer = browser.signIn(answer, username, password);
        }
        assertTrue(answer.statusCode() == 302 || answer.statusCode() == 303, "redirected with a code");
        return SsoBrowser.query(answer.header("Location"));
    }

    private String awaitLogoutToken() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String body = RECEIVED.get("/bc");
            if (body != null) {
                return URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no back-channel logout arrived");
    }

    /** Every wrong place a client might put a secret, on endpoints of every kind. */
    private void misplace(String kind, String secret) {
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        // Each secret from its own address: the failed logins below must not throttle one another.
        String address = "2001:db8:5ec::" + Integer.toHexString(new java.security.SecureRandom().nextInt(0xffff));

        // Audited requests carrying the secret where Keycard records something of the request: the
        // client address, the user agent, the request id (a label the caller chose to have logged;
        // a password there is the caller's choice, a secret of Keycard's making is never taken).
        RequestSpecification audited =
                request(address).header("X-Forwarded-For", secret).header("User-Agent", secret);
        if (!kind.contains("password")) {
            audited.header("X-Request-Id", secret);
        }
        audited.contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("api/auth/login")
                .then()
                .statusCode(200);
        // The secret as the username (and password) of a sign-in, at the API and at the hosted form.
        sent(request(address)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + secret + "\",\"password\":\"" + secret + "\"}")
                .post("api/auth/login"));
        SsoBrowser browser = new SsoBrowser(base.toString());
        sent(browser.signIn(browser.authorize(Applications.authorizationRequest(app, null)), secret, secret));
        sent(browser.signIn(browser.authorize(Applications.authorizationRequest(app, null)), username, secret));
        for (String path : List.of(
                "api/me",
                "api/greeting",
                "api/me/sessions",
                "api/admin/events",
                "oauth2/userinfo",
                "oauth2/authorize",
                "oauth2/logout",
                ".well-known/jwks.json",
                "no-such-path")) {
            for (String scheme : List.of("Basic ", "Token ", "bearer ", "Bearer  ", "Bearer x ", "")) {
                sent(request(address).header("Authorization", scheme + secret).get(path));
            }
            sent(request(address)
                    .header("Authorization", "Bearer " + secret)
                    .header("Authorization", "Bearer " + TestTokens.user())
                    .get(path));
            sent(request(address).queryParam("access_token", secret).get(path));
            sent(request(address)
                    .queryParam("token", secret)
                    .queryParam("refresh_token", secret)
                    .queryParam("id_token_hint", secret)
                    .queryParam("client_secret", secret)
                    .get(path));
            sent(request(address)
                    .cookie("keycard_refresh", secret)
                    .cookie("keycard_sso", secret)
                    .cookie("keycard_csrf", secret)
                    .cookie("JSESSIONID", secret)
                    .get(path));
            sent(request(address).header("Cookie", secret + "=1; " + secret).get(path));
            sent(request(address).header(secret, "1").get(path));
            sent(request(address)
                    .header("X-Request-Id", secret)
                    .header("X-Forwarded-For", secret)
                    .header("User-Agent", secret)
                    .header("Referer", "https://example.com/?access_token=" + encoded)
                    .header("Accept", secret)
                    .header("X-CSRF-Token", secret)
                    .get(path));
            sent(request(address).urlEncodingEnabled(false).get(path + "/" + encoded));
        }
        for (String path : List.of(
                "api/auth/login",
                "api/auth/refresh",
                "api/auth/logout",
                "api/me/password",
                "api/admin/users",
                "api/admin/clients",
                "api/admin/users/" + encoded + "/password",
                "oauth2/token",
                "oauth2/introspect",
                "oauth2/revoke",
                "oauth2/sign-in",
                "oauth2/logout",
                "oauth2/authorize")) {
            for (String json : List.of(
                    "{\"username\":\"" + secret + "\",\"password\":\"" + secret + "\"}",
                    "{\"username\":\"nobody\",\"password\":[\"" + secret + "\"]}",
                    "{\"refresh_token\":\"" + secret + "\",\"password\":\"" + secret + "\"}",
                    "{\"refresh_token\":[\"" + secret + "\"]}",
                    "{\"refresh_token\":{\"" + secret + "\":1}}",
                    "{\"current_password\":\"" + secret + "\",\"new_password\":\"" + secret + "\"}",
                    "{\"username\":\"" + secret + "\",\"password\":\"" + secret + "\",\"roles\":[\"" + secret + "\"]}",
                    "{\"client_id\":\"" + secret + "\",\"redirect_uris\":[\"" + secret + "\"]}",
                    "[\"" + secret + "\"]",
                    "\"" + secret + "\"",
                    "{\"refresh_token\":\"" + secret,
                    "{\"" + secret + "\":",
                    secret,
                    "{\"password\":\"" + secret.repeat(17_000 / secret.length() + 1) + "\"}")) {
                sent(request(address).contentType(ContentType.JSON).body(json).post(path));
                if (!path.equals("api/admin/users") && !path.equals("api/admin/clients")) {
                    // (An administrator may name a user or client as they like: that is no leak.)
                    sent(request(address)
                            .auth()
                            .oauth2(TestTokens.admin())
                            .contentType(ContentType.JSON)
                            .body(json)
                            .post(path));
                }
            }
            sent(request(address).contentType("text/plain").body(secret).post(path));
            sent(request(address)
                    .contentType(secret)
                    .body("{}".getBytes(StandardCharsets.US_ASCII))
                    .post(path));
            for (String field : List.of(
                    "access_token",
                    "token",
                    "refresh_token",
                    "password",
                    "username",
                    "client_secret",
                    "code",
                    "code_verifier",
                    "id_token_hint",
                    "logout_token")) {
                sent(request(address)
                        .contentType(ContentType.URLENC)
                        .formParam("grant_type", "refresh_token")
                        .formParam(field, secret)
                        .post(path));
            }
            sent(request(address)
                    .contentType(ContentType.URLENC)
                    .formParam("grant_type", "password")
                    .formParam("username", secret)
                    .formParam("password", secret)
                    .formParam(secret, secret)
                    .post(path));
            sent(request(address)
                    .contentType(ContentType.URLENC)
                    .body("token=" + encoded + "&%zz=" + encoded)
                    .post(path));
            // Wrong client authentication on the OAuth endpoints: the secret as id, as secret, both ways.
            sent(request(address)
                    .auth()
                    .preemptive()
                    .basic(secret, secret)
                    .contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials")
                    .formParam("client_secret", secret)
                    .post(path));
            sent(request(address)
                    .auth()
                    .preemptive()
                    .basic("no-such-client", secret)
                    .contentType(ContentType.URLENC)
                    .formParam("grant_type", "refresh_token")
                    .formParam("refresh_token", secret)
                    .post(path));
            sent(request(address)
                    .header("Authorization", "Basic " + secret)
                    .contentType(ContentType.URLENC)
                    .formParam("token", secret)
                    .post(path));
            sent(request(address)
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((secret + secret).getBytes(StandardCharsets.UTF_8)))
                    .contentType(ContentType.URLENC)
                    .formParam("token", secret)
                    .post(path));
        }
    }

    /**
     * Requests that a browser or library would never send, straight onto the socket: these reach
     * Liberty's HTTP channel and web container before any of Keycard's code, where an FFDC would be.
     */
    private void malformed(String secret) throws IOException {
        String host = "Host: " + base.getHost() + ":" + base.getPort() + "\r\n";
        for (String request : List.of(
                "GET /api/me?access_token=" + secret + " HTTP/1.1\r\n" + host + "\r\n",
                "GET /" + secret + " " + secret + " HTTP/1.1\r\n" + host + "\r\n",
                "GET /api/%zz" + secret + " HTTP/1.1\r\n" + host + "\r\n",
                "GET /api/me HTTP/1.1\r\n" + host + "Authorization Bearer " + secret + "\r\n\r\n",
                "GET /api/me HTTP/1.1\r\n" + host + "Authorization: Bearer " + secret + "\u0001\u007f\r\n\r\n",
                "GET /api/me HTTP/1.1\r\n" + host + "Authorization: Bearer "
                        + secret.repeat(40_000 / secret.length() + 1) + "\r\n\r\n",
                "GET /api/me HTTP/1.1\r\n" + host + "Cookie: keycard_sso=\"" + secret + "\r\n\r\n",
                "GET /api/me HTTP/1.1\r\n" + host + secret + "\r\n\r\n",
                "POST /api/auth/refresh HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"refresh_token\":\"" + secret + "\"}\r\n0\r\n\r\n",
                "POST /api/auth/refresh HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{\"refresh_token\":\"" + secret + "\"}",
                "POST /oauth2/token HTTP/1.1\r\n" + host + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + (20 + secret.length()) + "\r\n\r\ngrant_type=%%&token=" + secret,
                "POST /api/auth/refresh HTTP/1.1\r\n" + host + "Content-Type: application/json; charset=" + secret
                        + "\r\nContent-Length: 2\r\n\r\n{}",
                "POST /api/auth/login HTTP/1.1\r\n" + host + "Content-Type: application/json; charset=utf-16\r\n"
                        + "Content-Length: " + (secret.length() + 4) + "\r\n\r\n{\"" + secret + "\"")) {
            raw(request);
        }
    }

    private void raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            try {
                in.readAllBytes();
            } catch (java.net.SocketTimeoutException unanswered) {
                // A request the server waits on (a body it was promised): nothing to read.
            }
        } catch (java.net.SocketException reset) {
            // The server may drop a connection that breaks HTTP: that is an answer too.
        }
    }

    /** Whatever was sent, Keycard answers a client error or success, never a 500. */
    private static void sent(Response response) {
        assertTrue(response.statusCode() < 500, () -> "answered " + response.statusCode() + ": " + response.asString());
    }

    private RequestSpecification request(String address) {
        return api().redirects().follow(false).header("X-Forwarded-For", address);
    }

    private RequestSpecification admin() {
        return api().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    private String auditTrailSince(Instant since) {
        return given().baseUri(base.toString())
                .auth()
                .oauth2(TestTokens.admin())
                .queryParam("since", since.toString())
                .queryParam("limit", "1000")
                .get("api/admin/events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /**
     * The slices that betray each secret, lower case (a secret changed only in case is still
     * leaked): every {@value #SLICE}-character slice, or the whole of a shorter one. A JWT's header
     * is the same for every token Keycard signs, so only its payload and signature count.
     */
    private static Map<String, String> slices(Map<String, String> secrets) {
        Map<String, String> slices = new HashMap<>();
        secrets.forEach((kind, secret) -> {
            String distinctive = JWT.matcher(secret).lookingAt() ? secret.substring(secret.indexOf('.') + 1) : secret;
            distinctive = distinctive.toLowerCase(java.util.Locale.ROOT);
            if (distinctive.length() <= SLICE) {
                slices.put(distinctive, kind);
            }
            for (int i = 0; i + SLICE <= distinctive.length(); i++) {
                slices.put(distinctive.substring(i, i + SLICE), kind);
            }
        });
        return slices;
    }

    /** Which kinds of secret {@code text} holds, each once, with the line it first appears on. */
    private static List<String> leaks(String where, String text, Map<String, String> slices) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        Map<String, Integer> found = new LinkedHashMap<>();
        TreeSet<Integer> lengths = new TreeSet<>();
        slices.keySet().forEach(slice -> lengths.add(slice.length()));
        for (int length : lengths) {
            for (int i = 0; i + length <= lower.length(); i++) {
                String kind = slices.get(lower.substring(i, i + length));
                if (kind != null) {
                    found.putIfAbsent(kind, i);
                }
            }
        }
        List<String> leaks = new ArrayList<>();
        found.forEach((kind, at) -> leaks.add(where + " line " + line(text, at) + ": " + kind));
        return leaks;
    }

    private static int line(String text, int at) {
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static Path logs() {
        return Path.of(System.getProperty("wlp.home"), "usr/servers/keycardIT/logs");
    }

    /**
     * Every file under logs/ that this run wrote: messages.log, trace.log, console.log, ffdc/*,
     * rolled-over logs. Files last written before this test JVM started are an earlier run's
     * (Liberty keeps them, renamed, when the server starts again): not this build's to answer for.
     */
    private static List<Path> logFiles() throws IOException {
        java.nio.file.attribute.FileTime thisRun = java.nio.file.attribute.FileTime.fromMillis(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.endsWith("trace.log")), "Keycard's trace is on: " + files);
        List<Path> written = new ArrayList<>();
        for (Path file : files) {
            if (Files.getLastModifiedTime(file).compareTo(thisRun) >= 0) {
                written.add(file);
            }
        }
        return written;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
