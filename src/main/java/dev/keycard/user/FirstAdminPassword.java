package dev.keycard.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hands the operator the first administrator's generated password in a file that only the
 * server's user can read, in the server's working directory (Liberty's server output directory).
 * Never in a log: logs are shipped, kept and read by more people than the server's files, and a
 * password in one is a credential in all of its copies.
 */
final class FirstAdminPassword {

    static final String FILE = "keycard-admin-password";

    private FirstAdminPassword() {}

    /** The file now holding {@code password}, replacing one an earlier installation left. */
    static Path write(Path directory, String password) {
        Path file = directory.resolve(FILE).toAbsolutePath();
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not write the first administrator's password to " + file
                            + "; set KEYCARD_BOOTSTRAP_ADMIN_PASSWORD instead. The first administrator was not created.",
                    e);
        }
    }
}
