package dev.keycard.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdminPasswordTest {

    @TempDir
    Path directory;

    @Test
    void thePasswordGoesToAFileOnlyTheServersUserCanRead() throws IOException {
        Path file = FirstAdminPassword.write(directory, "generated-secret");
        assertEquals(directory.resolve("keycard-admin-password").toAbsolutePath(), file);
        assertEquals("generated-secret\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aFileLeftByAnEarlierInstallationIsReplacedNotAppendedTo() throws IOException {
        Path stale = directory.resolve("keycard-admin-password");
        Files.writeString(stale, "old-secret\n");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));
        FirstAdminPassword.write(directory, "new-secret");
        assertEquals("new-secret\n", Files.readString(stale));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stale)));
    }
}
