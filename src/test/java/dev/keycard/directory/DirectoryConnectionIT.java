package dev.keycard.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.keycard.it.Slapd;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ways to reach a real OpenLDAP (Debian's slapd, the seed of DirectoryIT): plain LDAP, StartTLS
 * and LDAPS, each trusting the directory's certificate through {@code keycard.ldap.trust-store}, and
 * LDAPS refused when the certificate is not trusted. DirectoryIT runs a whole Keycard over LDAPS;
 * this is the directory client alone, once per kind of connection. On the H2 run only.
 */
class DirectoryConnectionIT {

    private static Slapd slapd;

    @BeforeAll
    static void directory() {
        assumeFalse("postgresql".equals(System.getProperty("it.database")), "the directory is tested on the H2 run");
        slapd = Slapd.start(Path.of(System.getProperty("it.slapd.dir", "target/slapd")), 19389, 19636);
    }

    @AfterAll
    static void stop() {
        if (slapd != null) {
            slapd.stop();
        }
    }

    @Test
    void plainLdapFindsAndBinds() {
        signsIn(settings("ldap://127.0.0.1:19389"));
    }

    @Test
    void startTlsOnTheLdapPortFindsAndBinds() {
        DirectorySettings settings = settings("ldap://localhost:19389");
        settings.startTls = true;
        settings.trustStore = Optional.of(slapd.certificate().toString());
        signsIn(settings);
    }

    @Test
    void ldapsWithTheDirectorysCertificateTrustedFindsAndBinds() {
        DirectorySettings settings = settings("ldaps://localhost:19636");
        settings.trustStore = Optional.of(slapd.certificate().toString());
        signsIn(settings);
    }

    @Test
    void ldapsWithAnUntrustedCertificateIsRefused() {
        // Java's CA certificates do not include the test directory's self-signed one.
        Directory directory = TestSettings.directory(settings("ldaps://localhost:19636"));
        try {
            assertThrows(DirectoryUnavailable.class, () -> directory.findByName("alice"));
        } finally {
            directory.close();
        }
    }

    private static void signsIn(DirectorySettings settings) {
        Directory directory = TestSettings.directory(settings);
        try {
            DirectoryEntry alice = directory.findByName("alice").orElseThrow();
            assertEquals(Slapd.dn("alice"), alice.dn());
            assertEquals(
                    slapd.entryUuid("alice"),
                    new String(java.util.Base64.getUrlDecoder().decode(alice.id())));
            assertEquals(Set.of("admin", "user"), alice.roles());
            assertTrue(directory.authenticate(alice, Slapd.password("alice")));
            assertFalse(directory.authenticate(alice, "test-only-wrong-Pa55word!"));
            assertEquals(Optional.of(alice), directory.findById(alice.id()));
        } finally {
            directory.close();
        }
    }

    private static DirectorySettings settings(String url) {
        DirectorySettings settings = TestSettings.shipped(url);
        settings.bindDn = Optional.of(Slapd.SERVICE_DN);
        settings.bindPassword = Optional.of(Slapd.SERVICE_PASSWORD);
        settings.userBaseDn = Optional.of(Slapd.PEOPLE);
        settings.groupBaseDn = Optional.of(Slapd.GROUPS);
        settings.groupRoles = Optional.of("admins:admin");
        return settings;
    }
}
