package dev.keycard.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A setting that cannot work stops the start with a message naming it. */
class DirectorySettingsTest {

    @Test
    void offUnlessAnAddressIsSet() {
        DirectorySettings settings = TestSettings.shipped("");
        assertFalse(settings.enabled());
        settings.url = Optional.empty();
        assertFalse(settings.enabled());
        assertFalse(TestSettings.directory(settings).enabled());
    }

    @Test
    void severalAddressesAreTriedInTheirOrder() {
        assertEquals(
                List.of("ldaps://a.example:636", "ldaps://b.example", "ldap://c.example"),
                TestSettings.shipped(" ldaps://a.example:636, ldaps://b.example ldap://c.example ")
                        .urls());
    }

    @Test
    void groupsMapToRolesWithoutRegardToCaseAndEveryoneIsAUser() {
        DirectorySettings settings = TestSettings.shipped("ldap://x");
        settings.groupRoles = Optional.of("Admins:admin, Domain Auditors : auditor");
        assertEquals(Map.of("admins", "admin", "domain auditors", "auditor"), settings.groupRoles());
        assertEquals(Set.of("admin", "user"), settings.roles(Set.of("ADMINS", "staff")));
        assertEquals(Set.of("user"), settings.roles(Set.of()));
    }

    @Test
    void settingsThatCannotWorkNameThemselves() {
        assertRefused("keycard.ldap.url", s -> s.url = Optional.of("http://ldap.example"));
        assertRefused("keycard.ldap.user-base-dn", s -> s.userBaseDn = Optional.empty());
        assertRefused("keycard.ldap.user-filter", s -> s.userFilter = "(uid=alice)");
        assertRefused("keycard.ldap.user-filter", s -> s.userFilter = "(uid={0}");
        assertRefused("keycard.ldap.group-roles", s -> s.groupRoles = Optional.of("admins"));
        assertRefused("keycard.ldap.group-roles", s -> s.groupRoles = Optional.of("admins:Admin!"));
        assertRefused("keycard.ldap.group-search", s -> s.groupSearch = "nested");
        assertRefused("keycard.ldap.pool-size", s -> s.poolSize = 0);
        assertRefused("keycard.ldap.trust-store", s -> s.trustStore = Optional.of("/no/such/file.pem"));
    }

    private static void assertRefused(String key, java.util.function.Consumer<DirectorySettings> breaking) {
        DirectorySettings settings = TestSettings.shipped("ldaps://ldap.example");
        settings.userBaseDn = Optional.of("dc=example");
        breaking.accept(settings);
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> TestSettings.directory(settings));
        assertTrue(refused.getMessage().startsWith(key + " ("), refused.getMessage());
    }
}
