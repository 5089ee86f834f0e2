package dev.keycard.directory;

/**
 * The directory did not answer in time, refused Keycard's service account, or cannot be reached:
 * answered 503 with {@code Retry-After}, for directory users only. The message names the result
 * code and the failing operation, never a name, a filter or a password.
 */
public class DirectoryUnavailable extends RuntimeException {

    public DirectoryUnavailable(String message) {
        super(message, null, false, false);
    }
}
