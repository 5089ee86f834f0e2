package dev.keycard.it;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPRuntimeException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenLDAP server (Debian's slapd) that the integration tests start and own, on 127.0.0.1,
 * with ldap:// and ldaps:// listeners, loaded from {@code src/test/resources/ldap/TEST-ONLY-seed.ldif}.
 * <p>
 * Why a real slapd and not an in-memory directory: Keycard's directory sign-in must be shown to work
 * against what it meets in production, so the things an in-memory fake would only imitate are real
 * here: simple binds checked by slapd, the ppolicy overlay locking an account after too many failed
 * binds (and an administrator's permanent lock), ACLs that hide userPassword and let only the
 * service account read the directory, RFC 4514 escaping of odd names, TLS with a certificate the
 * client must trust, and a server that stops, restarts on the same data, or hangs (SIGSTOP: it still
 * accepts TCP connections but never answers).
 * <p>
 * Everything here is TEST MATERIAL ONLY: the self-signed certificate, its key and every password
 * are made for these tests and must never be used anywhere else. The command line contains
 * {@code keycard-it-slapd} (the name of the configuration file), so that a leftover server of an
 * interrupted run can be found with {@code pkill -f keycard-it-slapd}. Without slapd the calling
 * tests are skipped, or fail where every test is required ({@link Programs#require}).
 */
public final class Slapd {

    public static final String SUFFIX = "dc=keycard,dc=test";
    public static final String PEOPLE = "ou=people," + SUFFIX;
    public static final String GROUPS = "ou=groups," + SUFFIX;
    public static final String SERVICE_DN = "cn=keycard-service," + SUFFIX;
    public static final String SERVICE_PASSWORD = "test-only-service-password";
    public static final String ROOT_DN = "cn=admin," + SUFFIX;
    public static final String ROOT_PASSWORD = "test-only-root-password";
    /** ppolicy's permanent lock: locked until an administrator removes it. */
    public static final String LOCKED_FOR_GOOD = "000001010000Z";

    private static final String SLAPD = "/usr/sbin/slapd";
    private static final String SLAPADD = "/usr/sbin/slapadd";
    private static final String SEED = "/ldap/TEST-ONLY-seed.ldif";
    private static final int READY_SECONDS = 20;

    private final Path dir;
    private final int ldapPort;
    private final int ldapsPort;
    private Process process;
    private boolean hung;

    private Slapd(Path dir, int ldapPort, int ldapsPort) {
        this.dir = dir;
        this.ldapPort = ldapPort;
        this.ldapsPort = ldapsPort;
    }

    /**
     * Deletes and recreates {@code dir} (callers pass {@code target/slapd}), makes a TEST-ONLY
     * certificate and a configuration there, loads the seed and starts slapd on
     * {@code ldap://127.0.0.1:ldapPort/} and {@code ldaps://127.0.0.1:ldapsPort/}; returns once it
     * answers a search of the root DSE.
     */
    public static Slapd start(Path dir, int ldapPort, int ldapsPort) {
        Programs.require(Programs.installed(SLAPD), "OpenLDAP's slapd (apt-get install slapd ldap-utils)");
        for (int port : new int[] {ldapPort, ldapsPort}) {
            if (listening(port)) {
                throw new IllegalStateException("Something already listens on 127.0.0.1:" + port
                        + " (a leftover test directory? pkill -f keycard-it-slapd)");
            }
        }
        Slapd slapd = new Slapd(dir.toAbsolutePath(), ldapPort, ldapsPort);
        try {
            slapd.prepare();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        slapd.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(slapd::kill, "keycard-it-slapd stop"));
        return slapd;
    }

    /** The DN of the person with this uid, escaped per RFC 4514. */
    public static String dn(String uid) {
        return new DN(new RDN("uid", uid), people()).toString();
    }

    /** The seed's password for this uid: {@code test-only-<uid, letters only>-Pa55word!}. */
    public static String password(String uid) {
        return "test-only-" + uid.replaceAll("[^A-Za-z]", "") + "-Pa55word!";
    }

    /** The TEST-ONLY self-signed certificate of the ldaps:// listener (CN and DNS localhost, IP 127.0.0.1). */
    public Path certificate() {
        return dir.resolve("TEST-ONLY-cert.pem");
    }

    /** Stops slapd (SIGTERM, then SIGKILL after ten seconds) and waits until it has exited. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (hung) {
            resume();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping slapd", e);
        }
    }

    /** Starts slapd again on the same data and ports (stopping it first if it runs); returns once it answers. */
    public void restart() {
        stop();
        launch();
    }

    /** Freezes slapd (SIGSTOP): connections are still accepted by the kernel, but nothing is ever answered. */
    public void hang() {
        signal("-STOP");
        hung = true;
    }

    /** Lets a frozen slapd go on (SIGCONT). */
    public void resume() {
        signal("-CONT");
        hung = false;
    }

    /** Renames a person (modify DN to {@code uid=newUid}, the old uid value removed). */
    public void rename(String uid, String newUid) {
        change(ldap -> ldap.modifyDN(new ModifyDNRequest(dn(uid), new RDN("uid", newUid).toString(), true)));
    }

    /** Deletes a person. Group memberships are left as they are (no refint overlay), as in plain OpenLDAP. */
    public void delete(String uid) {
        change(ldap -> ldap.delete(dn(uid)));
    }

    /** Locks a person for good, as an administrator does: pwdAccountLockedTime 000001010000Z. */
    public void lock(String uid) {
        change(ldap -> ldap.modify(
                dn(uid), new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", LOCKED_FOR_GOOD)));
    }

    /**
     * Adds a person to the group {@code cn=group,ou=groups,dc=keycard,dc=test} (and drops the empty
     * DN that {@link #removeFromGroup} leaves in a group it emptied).
     */
    public void addToGroup(String uid, String group) {
        change(ldap -> {
            String[] members = ldap.getEntry(group(group), "member").getAttributeValues("member");
            List<Modification> modifications = new ArrayList<>();
            modifications.add(new Modification(ModificationType.ADD, "member", dn(uid)));
            if (members != null && Arrays.asList(members).contains("")) {
                modifications.add(new Modification(ModificationType.DELETE, "member", ""));
            }
            ldap.modify(group(group), modifications);
        });
    }

    /**
     * Removes a person from a group. groupOfNames must keep a member: when the last one goes, the
     * group is left with the empty DN as its only member, which names no one.
     */
    public void removeFromGroup(String uid, String group) {
        change(ldap -> {
            String[] members = ldap.getEntry(group(group), "member").getAttributeValues("member");
            String who = dn(uid);
            boolean last =
                    members != null && Stream.of(members).allMatch(member -> sameDn(member, who) || member.isEmpty());
            if (last) {
                ldap.modify(group(group), new Modification(ModificationType.REPLACE, "member", ""));
            } else {
                ldap.modify(group(group), new Modification(ModificationType.DELETE, "member", who));
            }
        });
    }

    /** Adds a person (inetOrgPerson, cn and sn the uid, mail uid@keycard.test) with this password. */
    public void add(String uid, String password) {
        change(ldap -> ldap.add(
                dn(uid),
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("uid", uid),
                new Attribute("cn", uid),
                new Attribute("sn", uid),
                new Attribute("displayName", uid),
                new Attribute("mail", uid.replaceAll("[^A-Za-z0-9.-]", "") + "@keycard.test"),
                new Attribute("userPassword", password)));
    }

    /** Whether the person's entry has pwdAccountLockedTime (locked by ppolicy or by an administrator). */
    public boolean lockedInDirectory(String uid) {
        return person(uid, "pwdAccountLockedTime").hasAttribute("pwdAccountLockedTime");
    }

    /** How many wrong binds the password policy has counted for the person since their last good one. */
    public int failedBinds(String uid) {
        String[] failures = person(uid, "pwdFailureTime").getAttributeValues("pwdFailureTime");
        return failures == null ? 0 : failures.length;
    }

    /** Whether a simple bind as this person with this password succeeds (over ldap://). */
    public boolean canBind(String uid, String password) {
        try (LDAPConnection ldap = connect()) {
            ldap.bind(dn(uid), password);
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw new LDAPRuntimeException(e);
        }
    }

    /** The person's entryUUID (it stays the same across a rename). */
    public String entryUuid(String uid) {
        return person(uid, "entryUUID").getAttributeValue("entryUUID");
    }

    private interface Change {
        void apply(LDAPConnection ldap) throws LDAPException;
    }

    /** One change as the rootdn, on a connection of its own. */
    private void change(Change change) {
        try (LDAPConnection ldap = connect()) {
            ldap.bind(ROOT_DN, ROOT_PASSWORD);
            change.apply(ldap);
        } catch (LDAPException e) {
            throw new LDAPRuntimeException(e);
        }
    }

    /** The person's entry as the rootdn sees it, found by an (escaped) equality filter on uid. */
    private SearchResultEntry person(String uid, String... attributes) {
        try (LDAPConnection ldap = connect()) {
            ldap.bind(ROOT_DN, ROOT_PASSWORD);
            SearchResultEntry entry =
                    ldap.searchForEntry(PEOPLE, SearchScope.ONE, Filter.createEqualityFilter("uid", uid), attributes);
            if (entry == null) {
                throw new IllegalArgumentException("No person with uid " + uid + " in the test directory");
            }
            return entry;
        } catch (LDAPException e) {
            throw new LDAPRuntimeException(e);
        }
    }

    private LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(5_000);
        options.setResponseTimeoutMillis(10_000);
        return new LDAPConnection(options, "127.0.0.1", ldapPort);
    }

    private static DN people() {
        try {
            return new DN(PEOPLE);
        } catch (LDAPException e) {
            throw new LDAPRuntimeException(e);
        }
    }

    private static String group(String group) {
        try {
            return new DN(new RDN("cn", group), new DN(GROUPS)).toString();
        } catch (LDAPException e) {
            throw new LDAPRuntimeException(e);
        }
    }

    private static boolean sameDn(String a, String b) {
        try {
            return new DN(a).equals(new DN(b));
        } catch (LDAPException e) {
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private Path config() {
        return dir.resolve("keycard-it-slapd.conf");
    }

    private Path log() {
        return dir.resolve("slapd.log");
    }

    /** The directory anew: certificate, configuration, and the seed loaded by slapadd. */
    private void prepare() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir.resolve("data"));
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "30",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                dir.resolve("TEST-ONLY-key.pem").toString(),
                "-out",
                certificate().toString());
        Files.writeString(config(), configuration(), StandardCharsets.UTF_8);
        Path seed = dir.resolve("TEST-ONLY-seed.ldif");
        try (InputStream in = Slapd.class.getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException("No " + SEED + " on the test class path");
            }
            Files.copy(in, seed);
        }
        run(SLAPADD, "-f", config().toString(), "-l", seed.toString());
    }

    private String configuration() {
        return """
                # TEST MATERIAL ONLY: written by dev.keycard.it.Slapd for Keycard's integration tests.
                include /etc/ldap/schema/core.schema
                include /etc/ldap/schema/cosine.schema
                include /etc/ldap/schema/inetorgperson.schema
                include /etc/ldap/schema/nis.schema

                modulepath /usr/lib/ldap
                moduleload back_mdb
                moduleload ppolicy

                pidfile "%1$s/slapd.pid"
                argsfile "%1$s/slapd.args"

                TLSCertificateFile "%1$s/TEST-ONLY-cert.pem"
                TLSCertificateKeyFile "%1$s/TEST-ONLY-key.pem"

                # Anyone may read the root DSE (readiness checks, clients' feature discovery) and the schema.
                access to dn.base="" by * read
                access to dn.base="cn=Subschema" by * read

                database mdb
                suffix "%2$s"
                rootdn "%3$s"
                rootpw %4$s
                directory "%1$s/data"

                overlay ppolicy
                ppolicy_default "cn=default,ou=policies,%2$s"

                # Passwords: never read by anyone; checked on a bind; changed by their owner.
                access to attrs=userPassword
                    by self =wx
                    by anonymous auth
                    by * none
                # Everything else, operational attributes (entryUUID, pwdAccountLockedTime) included:
                # read by the service account, and by each person for their own entry.
                access to *
                    by dn.exact="%5$s" read
                    by self read
                    by * none
                """.formatted(dir, SUFFIX, ROOT_DN, ROOT_PASSWORD, SERVICE_DN);
    }

    /** Starts slapd in the foreground ({@code -d}: no fork, debug output to the log) and waits until it answers. */
    private void launch() {
        File log = log().toFile();
        try {
            process = new ProcessBuilder(
                            SLAPD,
                            "-f",
                            config().toString(),
                            "-h",
                            "ldap://127.0.0.1:" + ldapPort + "/ ldaps://127.0.0.1:" + ldapsPort + "/",
                            "-d",
                            "stats")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + SLAPD, e);
        }
        hung = false;
        awaitReady();
    }

    /** Until a TCP connection and an anonymous search of the root DSE succeed, or 20 seconds pass. */
    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(1_000);
        options.setResponseTimeoutMillis(1_000);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "slapd exited with " + process.exitValue() + " before it answered; " + tail());
            }
            try (LDAPConnection ldap = new LDAPConnection(options, "127.0.0.1", ldapPort)) {
                if (ldap.getRootDSE() != null) {
                    return;
                }
            } catch (LDAPException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException(
                        "slapd did not answer on 127.0.0.1:" + ldapPort + " within " + READY_SECONDS + " s; " + tail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for slapd", e);
            }
        }
    }

    /** For the shutdown hook and a failed start: SIGKILL works on a frozen process too. */
    private void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("slapd is not running");
        }
        run("kill", signal, Long.toString(process.pid()));
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return "the end of " + log() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "no log at " + log() + " (" + e.getMessage() + ")";
        }
    }

    /** Runs a command to its end, failing with its output unless it exits with 0. */
    private static void run(String... command) {
        try {
            Process child = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
            byte[] output = child.getInputStream().readAllBytes();
            if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
                child.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command[0], e);
        }
    }
}
