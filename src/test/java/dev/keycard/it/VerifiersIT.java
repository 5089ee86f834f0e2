package dev.keycard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * expiry through the discovery document and the JWKS. Scripts in src/test/verifiers.
 */
class VerifiersIT extends KeycardIT {

    private static final Path SCRIPTS = Path.of("src/test/verifiers").toAbsolutePath();

    /** Debian's interpreter: the one python3-jwt installs into. */
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
                Programs.succeeds(python(), "-c", "import jwt")
                        && Programs.installed("node")
                        && Programs.installed("npm"),
                "VerifiersIT: Python 3 with PyJWT, and Node.js with npm "
                        + "(Debian: apt-get install python3-jwt nodejs npm)");
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/jose"))) {
            Result install = run("npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exit(), install.output());
        }
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
