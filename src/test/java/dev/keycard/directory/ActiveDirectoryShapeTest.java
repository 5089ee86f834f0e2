package dev.keycard.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only Active Directory does, on UnboundID's in-memory directory server shaped like it (no
 * schema checks, so AD's attributes can be given): a binary {@code objectGUID} as the stable id
 * (found again by an escaped binary filter), {@code sAMAccountName} names, groups from the user's
 * own {@code memberOf}, and the ACCOUNTDISABLE bit of {@code userAccountControl}. A real Active
 * Directory cannot run here; the OpenLDAP behaviours run against a real slapd (DirectoryIT,
 * DirectoryConnectionIT). Also: failover past an address that refuses connections.
 */
class ActiveDirectoryShapeTest {

    private static final String BASE = "dc=corp,dc=test";
    private static final String USERS = "cn=Users," + BASE;
    private static final String SERVICE = "cn=keycard,cn=Users," + BASE;
    private static final byte[] GUID = guid(UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"));

    private InMemoryDirectoryServer ad;
    private Directory directory;

    @BeforeEach
    void activeDirectoryLookAlike() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        ad = new InMemoryDirectoryServer(config);
        ad.add(new Entry(BASE, new Attribute("objectClass", "domain"), new Attribute("dc", "corp")));
        ad.add(new Entry(USERS, new Attribute("objectClass", "container"), new Attribute("cn", "Users")));
        ad.add(new Entry(
                SERVICE, new Attribute("objectClass", "user"), new Attribute("userPassword", "test-only-service")));
        ad.add(person(
                "Jane Roe", "jroe", GUID, 512, "CN=Domain Admins,CN=Users," + BASE, "CN=Staff,OU=Groups," + BASE));
        ad.add(person("Off Boarded", "offb", guid(UUID.randomUUID()), 514, "CN=Staff,OU=Groups," + BASE));
        ad.startListening();
        directory = directory("ldap://127.0.0.1:" + ad.getListenPort());
    }

    @AfterEach
    void stop() {
        directory.close();
        ad.shutDown(true);
    }

    @Test
    void aPersonIsFoundBySamAccountNameAndKnownByObjectGuidAndMemberOf() {
        DirectoryEntry jane = directory.findByName("jroe").orElseThrow();
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(GUID), jane.id());
        assertEquals("jroe", jane.name());
        assertEquals("Jane Roe", jane.profile().get("name"));
        assertEquals(Set.of("admin", "user"), jane.roles(), "Domain Admins → admin; Staff is not mapped");
        assertFalse(jane.disabled());
        assertTrue(directory.authenticate(jane, "test-only-jroe"));
        assertFalse(directory.authenticate(jane, "test-only-wrong"));
        assertFalse(directory.authenticate(jane, ""), "an empty password is an unauthenticated bind: never sent");
        // The GUID's bytes include ones a filter must escape (0x00-0x2a region and above 0x7f).
        assertEquals(Optional.of(jane), directory.findById(jane.id()));
    }

    @Test
    void onlyGroupsUnderTheGroupBaseGiveRoles() {
        // A "Domain Admins" anyone could create in another container must not make an admin.
        DirectorySettings settings = settings("ldap://127.0.0.1:" + ad.getListenPort());
        settings.groupBaseDn = Optional.of("OU=Groups," + BASE);
        settings.groupRoles = Optional.of("Domain Admins:admin,Staff:staff");
        Directory scoped = TestSettings.directory(settings);
        try {
            assertEquals(
                    Set.of("staff", "user"),
                    scoped.findByName("jroe").orElseThrow().roles());
        } finally {
            scoped.close();
        }
    }

    @Test
    void theAccountDisableBitOfUserAccountControlDisablesThePerson() {
        assertTrue(directory.findByName("offb").orElseThrow().disabled());
    }

    @Test
    void aSecondAddressIsTriedWhenTheFirstRefusesConnections() {
        Directory failover = directory("ldap://127.0.0.1:1 ldap://127.0.0.1:" + ad.getListenPort());
        try {
            assertTrue(failover.findByName("jroe").isPresent());
        } finally {
            failover.close();
        }
    }

    @Test
    void aDirectoryThatRefusesConnectionsIsUnavailableAndSaysSoForReadiness() {
        Directory down = directory("ldap://127.0.0.1:1");
        try {
            assertThrows(DirectoryUnavailable.class, () -> down.findByName("jroe"));
            assertTrue(
                    down.failing().orElseThrow().contains("connect error"),
                    down.failing().toString());
        } finally {
            down.close();
        }
    }

    private static Entry person(String cn, String sam, byte[] guid, int control, String... groups) {
        Entry entry = new Entry("CN=" + cn + "," + USERS);
        entry.addAttribute("objectClass", "user");
        entry.addAttribute("sAMAccountName", sam);
        entry.addAttribute(new Attribute("objectGUID", guid));
        entry.addAttribute("displayName", cn);
        entry.addAttribute("userAccountControl", Integer.toString(control));
        entry.addAttribute("userPassword", "test-only-" + sam);
        entry.addAttribute("memberOf", groups);
        return entry;
    }

    private static Directory directory(String urls) {
        return TestSettings.directory(settings(urls));
    }

    private static DirectorySettings settings(String urls) {
        DirectorySettings settings = TestSettings.shipped(urls);
        settings.bindDn = Optional.of(SERVICE);
        settings.bindPassword = Optional.of("test-only-service");
        settings.userBaseDn = Optional.of(BASE);
        settings.userFilter = "(sAMAccountName={0})";
        settings.usernameAttribute = "sAMAccountName";
        settings.idAttribute = "objectGUID";
        settings.groupSearch = "memberOf";
        settings.groupRoles = Optional.of("Domain Admins:admin");
        settings.connectTimeout = Duration.ofSeconds(1);
        settings.responseTimeout = Duration.ofSeconds(2);
        return settings;
    }

    /** A GUID's 16 bytes (AD stores them little-endian in part; the order does not matter here). */
    private static byte[] guid(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
