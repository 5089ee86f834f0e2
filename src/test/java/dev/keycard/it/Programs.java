package dev.keycard.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs some tests need that Maven cannot provide (Chromium, Python with PyJWT, Node.js). Where
 * one is missing, its tests are skipped with one line naming what to install, so that a machine
 * with only Java passes {@code ./mvnw verify}; with {@code CI=true} or {@code -Dit.require-all=true}
 * they fail instead, so that CI always runs them.
 */
final class Programs {

    private Programs() {}

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("it.require-all");
    }

    /** Skips the calling tests, or fails them when every test is required, unless {@code present}. */
    static void require(boolean present, String what) {
        if (!present) {
            unavailable(what);
            Assumptions.abort("needs " + what);
        }
    }

    /** Says, in one line, what cannot run here; throws when every test is required. */
    static void unavailable(String what) {
        if (required()) {
            throw new IllegalStateException(
                    "Cannot run " + what + " (every test is required: CI=true or " + "-Dit.require-all=true)");
        }
        System.err.println("SKIPPED " + what);
    }

    /** Whether {@code program} is an executable file at that path or on the PATH. */
    static boolean installed(String program) {
        if (program.contains(File.separator)) {
            return Files.isExecutable(Path.of(program));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the command runs and exits with 0 within ten seconds. */
    static boolean succeeds(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
