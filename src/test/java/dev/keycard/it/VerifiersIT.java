package dev.keycard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.it.Applications.App;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keycard's tokens verified by independent implementations that know only the issuer URL: PyJWT
 * (Debian's python3-jwt) and the npm library jose, each checking signature, issuer, audience and
 * expiry through the discovery document and the JWKS. And the OpenID Connect code flow with PKCE
 * driven by a relying-party library nobody here wrote: Authlib (Debian's python3-authlib, with
 * python3-requests), which builds the authorization request, redeems the code, refreshes, and
 * validates the ID token with its own checks. Scripts in src/test/verifiers.
 */
class VerifiersIT extends KeycardIT {

    private static final Path SCRIPTS = Path.of("src/test/verifiers").toAbsolutePath();

    /** Debian's interpreter: the one python3-jwt and python3-authlib install into. */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(SCRIPTS.toFile())
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("verifier timed out: " + List.of(command));
        }
        return new Result(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    private static List<Result> verify(String token) throws Exception {
        return List.of(
                run(python(), "verify.py", TestTokens.ISSUER, TestTokens.AUDIENCE, token),
                run("node", "verify.mjs", TestTokens.ISSUER, TestTokens.AUDIENCE, token));
    }

    /** The npm library comes from the lock file, once per checkout. */
    @org.junit.jupiter.api.BeforeAll
    static void installJose() throws Exception {
        Programs.require(
                Programs.succeeds(python(), "-c", "import jwt, authlib, requests")
                        && Programs.installed("node")
                        && Programs.installed("npm"),
                "VerifiersIT: Python 3 with PyJWT, Authlib and requests, and Node.js with npm "
                        + "(Debian: apt-get install python3-jwt python3-authlib python3-requests nodejs npm)");
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/jose"))) {
            Result install = run("npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exit(), install.output());
        }
    }

    /**
     * authlib_rp.py is an application as an Authlib user writes one: OAuth2Session with S256 from
     * the discovery document, a requests session as the browser at the hosted sign-in form, the
     * redirect's state and iss checked, the code redeemed with the verifier (client_secret_basic),
     * the ID token validated by Authlib's CodeIDToken (signature, iss, aud, exp, nonce, azp,
     * at_hash), userinfo, then a refresh. It also shows Authlib refusing the ID token when it
     * expects another nonce. The suite's token families live 8 s: the script refreshes within about
     * a second of the exchange.
     */
    @Test
    void authlibSignsAUserInWithTheCodeFlowAndPkceAndValidatesTheIdTokenItself() throws Exception {
        App app = Applications.confidential(base.toString(), "");
        String user = Accounts.create(base);
        Result result = run(
                python(),
                "authlib_rp.py",
                TestTokens.ISSUER,
                app.id(),
                app.secret(),
                app.redirectUri(),
                user,
                Accounts.PASSWORD);
        assertEquals(0, result.exit(), result.output());
        List<String> lines = result.output().lines().toList();
        List<String> expected = List.of(
                "ok discovery names the issuer",
                "ok discovery offers PKCE S256 and RS256 ID tokens",
                "ok the authorization endpoint shows the sign-in form",
                "ok signing in redirects to the redirect_uri",
                "ok the redirect carries a code",
                "ok the redirect's state is the one sent",
                "ok the redirect's iss is the issuer (RFC 9207)",
                "ok the code is exchanged for tokens with the code_verifier",
                "ok Authlib validates the ID token: signature, iss, aud, exp, iat, nonce, azp, at_hash",
                "ok the ID token names its key (kid)",
                "ok the ID token has azp, sid and auth_time",
                "ok Authlib refuses the ID token when another nonce is expected",
                "ok userinfo with the access token names the same sub",
                "ok refreshing rotates the refresh token",
                "ok the refreshed ID token is valid for the same sub, without a nonce",
                "all checks passed");
        assertTrue(lines.containsAll(expected), result.output());
        assertFalse(result.output().contains(app.secret()), "the script prints no secret");
        assertFalse(result.output().contains("eyJ"), "the script prints no token");
    }

    @Test
    void aUserTokenVerifiesInPyJwtAndJose() throws Exception {
        String token = Accounts.login(base, Accounts.create(base)).getString("access_token");
        String subject = JsonPath.from(TestTokens.payload(token)).getString("sub");
        for (Result result : verify(token)) {
            assertEquals(0, result.exit(), result.output());
            assertEquals("valid " + subject, result.output());
        }
    }

    @Test
    void aTamperedTokenFailsInBoth() throws Exception {
        String token = Accounts.login(base, Accounts.create(base)).getString("access_token");
        String[] parts = token.split("\\.");
        String promoted = TestTokens.payload(token).replace("\"groups\":[\"user\"]", "\"groups\":[\"admin\"]");
        for (Result result : verify(parts[0] + "." + TestTokens.encode(promoted) + "." + parts[2])) {
            assertNotEquals(0, result.exit(), result.output());
            assertTrue(result.output().startsWith("invalid"), result.output());
        }
    }

    @Test
    void aTokenForAnotherAudienceOrExpiredFailsInBoth() throws Exception {
        String otherAudience = TestTokens.sign(TestTokens.valid("alice", "user").audience("another-service"));
        String expired = TestTokens.sign(TestTokens.valid("alice", "user")
                .issuedAt(java.time.Instant.now().minusSeconds(900))
                .expiresAt(java.time.Instant.now().minusSeconds(600)));
        for (String token : List.of(otherAudience, expired)) {
            for (Result result : verify(token)) {
                assertNotEquals(0, result.exit(), result.output());
            }
        }
    }
}
