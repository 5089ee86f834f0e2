package dev.keycard.directory;

import java.time.Duration;
import java.util.Optional;

/** Directory settings as shipped (microprofile-config.properties), for a directory at {@code urls}. */
final class TestSettings {

    private TestSettings() {}

    static DirectorySettings shipped(String urls) {
        DirectorySettings settings = new DirectorySettings();
        settings.url = Optional.of(urls);
        settings.startTls = false;
        settings.bindDn = Optional.empty();
        settings.bindPassword = Optional.empty();
        settings.userBaseDn = Optional.empty();
        settings.userFilter = "(uid={0})";
        settings.usernameAttribute = "uid";
        settings.idAttribute = "entryUUID";
        settings.displayNameAttribute = "displayName";
        settings.emailAttribute = "mail";
        settings.groupSearch = "member";
        settings.groupBaseDn = Optional.empty();
        settings.groupMemberAttribute = "member";
        settings.groupRoles = Optional.empty();
        settings.connectTimeout = Duration.ofSeconds(3);
        settings.responseTimeout = Duration.ofSeconds(5);
        settings.poolSize = 10;
        settings.trustStore = Optional.empty();
        settings.trustStorePassword = Optional.empty();
        return settings;
    }

    /** The directory client on these settings, configured as at start. */
    static Directory directory(DirectorySettings settings) {
        Directory directory = new Directory();
        directory.settings = settings;
        directory.configure();
        return directory;
    }
}
