package dev.keycard.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The LDAP directory (OpenLDAP, Active Directory, 389-DS), through the UnboundID LDAP SDK: a person
 * found by a search as Keycard's service account, authenticated by a bind as themselves (Keycard
 * never sees their password hash), looked up again by their stable id at every refresh. Every
 * operation is bounded by the configured timeouts, so a directory that is down or hangs costs a
 * request thread at most that long and is answered with {@link DirectoryUnavailable}. Connections
 * are pooled and re-made on demand: a directory that comes back is used again without a restart.
 * <p>
 * Two pools: searches run bound as the service account; a user's bind changes who a connection
 * is, so binds have a pool of their own and never share a connection with a search.
 */
@ApplicationScoped
public class Directory {

    private static final Logger LOG = Logger.getLogger(Directory.class.getName());

    /** The permanent lock of OpenLDAP's password policy: an administrator's "disabled". */
    private static final String LOCKED_FOR_GOOD = "000001010000Z";
    /** Active Directory's userAccountControl flag ACCOUNTDISABLE. */
    private static final int ACCOUNT_DISABLED = 0x2;
    /** More groups than this are not read (a person is rarely in more; the search stays bounded). */
    private static final int MAX_GROUPS = 1000;
    /** An RDN no directory person has, for the group search an unknown name costs too. */
    private static final String NOBODY = "cn=keycard-no-such-person";
    /** Keycard's longest username (Username.MAX_LENGTH). */
    private static final int MAX_NAME = 64;

    private static final java.util.regex.Pattern HOLDABLE =
            java.util.regex.Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Cs}]{1," + MAX_NAME + "}");

    @Inject
    DirectorySettings settings;

    private LDAPConnectionOptions options;
    private ServerSet servers;
    private PostConnectProcessor startTls;
    private BindRequest serviceAccount;
    private LDAPConnectionPool searches;
    private LDAPConnectionPool binds;
    private volatile Instant failingSince;
    private volatile String failure;

    /** Checks the settings at start, so that a wrong one stops the start; connects on first use. */
    @PostConstruct
    void configure() {
        if (!settings.enabled()) {
            return;
        }
        try {
            Filter.create(settings.userFilter().replace("{0}", "x"));
        } catch (LDAPException e) {
            throw DirectorySettings.invalid("keycard.ldap.user-filter", "is not an LDAP filter (RFC 4515)");
        }
        settings.groupRoles();
        settings.groupSearch();
        settings.userBaseDn();
        settings.poolSize();
        options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        // RFC 4513 §5.1.2: a bind with a name and an empty password is an unauthenticated bind,
        // which many directories answer with success. Refused by the SDK as well as by Keycard.
        options.setBindWithDNRequiresPassword(true);
        SSLSocketFactory tls = tls();
        List<ServerSet> sets = new ArrayList<>();
        for (String address : settings.urls()) {
            try {
                LDAPURL url = new LDAPURL(address);
                boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
                SocketFactory sockets = ldaps ? tls : SocketFactory.getDefault();
                sets.add(new SingleServerSet(url.getHost(), url.getPort(), sockets, options));
            } catch (LDAPException e) {
                throw DirectorySettings.invalid("keycard.ldap.url", "is not an LDAP URL: " + address);
            }
        }
        servers = sets.size() == 1 ? sets.get(0) : new FailoverServerSet(sets);
        startTls = settings.startTls() ? new StartTLSPostConnectProcessor(tls) : null;
        serviceAccount = settings.bindDn()
                .map(dn -> (BindRequest)
                        new SimpleBindRequest(dn, settings.bindPassword().orElse("")))
                .orElse(null);
    }

    private SSLSocketFactory tls() {
        try {
            X509TrustManager trust = JVMDefaultTrustManager.getInstance();
            Optional<String> store = settings.trustStore();
            if (store.isPresent()) {
                String path = store.get();
                String lower = path.toLowerCase(Locale.ROOT);
                if (!new File(path).canRead()) {
                    throw DirectorySettings.invalid("keycard.ldap.trust-store", "cannot be read: " + path);
                }
                trust = lower.endsWith(".pem") || lower.endsWith(".crt")
                        ? new PEMFileTrustManager(new File(path))
                        : new TrustStoreTrustManager(
                                path,
                                settings.trustStorePassword()
                                        .map(String::toCharArray)
                                        .orElse(null),
                                lower.endsWith(".jks") ? "JKS" : "PKCS12",
                                true);
            }
            return new BoundedHandshakes(new SSLUtil(trust).createSSLSocketFactory(), (int)
                    settings.responseTimeout().toMillis());
        } catch (GeneralSecurityException e) {
            throw DirectorySettings.invalid(
                    "keycard.ldap.trust-store",
                    "cannot be used: " + e.getClass().getSimpleName());
        }
    }

    public boolean enabled() {
        return servers != null;
    }

    /** The person the user filter finds for this name; empty if none, or more than one. */
    public Optional<DirectoryEntry> findByName(String name) {
        Filter filter;
        try {
            // RFC 4515 escaping: whatever the name holds, it is one value of the filter.
            filter = Filter.create(settings.userFilter().replace("{0}", Filter.encodeValue(name)));
        } catch (LDAPException e) {
            return Optional.empty();
        }
        Optional<DirectoryEntry> found = findOne(filter, "search for a user");
        if (found.isEmpty() && settings.groupSearch() == DirectorySettings.GroupSearch.MEMBER) {
            // The group search a found person costs, so that the time taken does not tell names
            // that exist from names that do not.
            groupsOf(NOBODY + "," + settings.userBaseDn());
        }
        return found;
    }

    /** The person with this stable id, if they are still under the user base. */
    public Optional<DirectoryEntry> findById(String id) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return findOne(Filter.createEqualityFilter(settings.idAttribute(), raw), "lookup of a user by id");
    }

    /**
     * Whether the password is the person's, by binding as them. Never called with an empty
     * password. A refusal of any kind (wrong password, locked or disabled in the directory,
     * expired password) is false; a directory that does not answer is {@link DirectoryUnavailable}.
     */
    public boolean authenticate(DirectoryEntry entry, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        try {
            return bind(entry, password);
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.SERVER_DOWN) {
                throw failed("bind", e.getResultCode());
            }
        }
        try {
            // A pooled connection the directory had closed (a restart): the bind never left, so it
            // is sent once more, on a new connection. Any other failure is not retried: a bind
            // that timed out may have been counted by the directory.
            return bind(entry, password);
        } catch (LDAPException e) {
            throw failed("bind", e.getResultCode());
        }
    }

    /** True if the password binds; false if the directory refused it; thrown if it did not answer. */
    private boolean bind(DirectoryEntry entry, String password) throws LDAPException {
        try {
            pool(false).bind(new SimpleBindRequest(entry.dn(), password));
            succeeded();
            return true;
        } catch (LDAPException e) {
            if (unavailable(e.getResultCode())) {
                throw e;
            }
            succeeded();
            return false;
        }
    }

    /** Whether the directory answered its last operation; its failure otherwise, for readiness. */
    public Optional<String> failing() {
        Instant since = failingSince;
        return since == null ? Optional.empty() : Optional.of(failure + " since " + since);
    }

    /** Reads the root DSE: for readiness, when nothing else has used the directory for a while. */
    public void probe() {
        try {
            pool(true).getRootDSE();
            succeeded();
        } catch (LDAPException e) {
            failed("probe", e.getResultCode());
        } catch (DirectoryUnavailable e) {
            // recorded by failed()
        }
    }

    private Optional<DirectoryEntry> findOne(Filter filter, String what) {
        SearchRequest request = new SearchRequest(settings.userBaseDn(), SearchScope.SUB, filter, attributes());
        request.setSizeLimit(2);
        List<SearchResultEntry> found;
        try {
            found = pool(true).search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                succeeded();
                // Two people for one name: neither is signed in, whoever they are.
                LOG.warning("The directory's " + what + " matched more than one entry; none was used. Make "
                        + "keycard.ldap.user-filter match one person per name.");
                return Optional.empty();
            }
            throw failed(what, e.getResultCode());
        }
        succeeded();
        if (found.size() != 1) {
            return Optional.empty();
        }
        return entry(found.get(0));
    }

    private String[] attributes() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(List.of(
                settings.usernameAttribute(),
                settings.idAttribute(),
                settings.displayNameAttribute(),
                settings.emailAttribute(),
                "pwdAccountLockedTime",
                "userAccountControl",
                "nsAccountLock"));
        if (settings.groupSearch() == DirectorySettings.GroupSearch.MEMBER_OF) {
            names.add("memberOf");
        }
        return names.toArray(String[]::new);
    }

    private Optional<DirectoryEntry> entry(SearchResultEntry found) {
        byte[] id = found.getAttributeValueBytes(settings.idAttribute());
        Optional<String> name = Optional.ofNullable(found.getAttributeValue(settings.usernameAttribute()))
                .filter(Directory::holdable);
        if (id == null || id.length == 0 || name.isEmpty()) {
            // No stable id (the service account may not read it), or a name Keycard cannot hold.
            LOG.warning("A directory entry lacks a readable " + settings.idAttribute() + " or "
                    + settings.usernameAttribute() + " of at most " + MAX_NAME
                    + " characters; it was not used. Check the service account's read access.");
            return Optional.empty();
        }
        Map<String, String> profile = new LinkedHashMap<>();
        value(found, settings.displayNameAttribute()).ifPresent(v -> profile.put("name", v));
        value(found, settings.emailAttribute()).ifPresent(v -> profile.put("email", v));
        String lockedTime = found.getAttributeValue("pwdAccountLockedTime");
        Integer control = found.getAttributeValueAsInteger("userAccountControl");
        boolean disabled = LOCKED_FOR_GOOD.equals(lockedTime)
                || control != null && (control & ACCOUNT_DISABLED) != 0
                || "true".equalsIgnoreCase(found.getAttributeValue("nsAccountLock"));
        return Optional.of(new DirectoryEntry(
                Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                found.getDN(),
                name.get().strip(),
                profile,
                settings.roles(groups(found)),
                disabled,
                lockedTime != null && !disabled));
    }

    /**
     * A name Keycard can hold: 1 to 64 characters, none of them control or format characters, not
     * starting with '~' (Keycard's placeholder for a directory user whose name passed to another).
     */
    private static boolean holdable(String name) {
        return HOLDABLE.matcher(name.strip()).matches() && !name.strip().startsWith("~");
    }

    /** A single-line value of at most 256 characters, as Keycard's user attributes are. */
    private static Optional<String> value(SearchResultEntry entry, String attribute) {
        return Optional.ofNullable(entry.getAttributeValue(attribute))
                .map(String::strip)
                .filter(v -> !v.isEmpty() && v.length() <= 256 && v.chars().noneMatch(Character::isISOControl));
    }

    private Set<String> groups(SearchResultEntry user) {
        List<String> dns = new ArrayList<>();
        if (settings.groupSearch() == DirectorySettings.GroupSearch.MEMBER_OF) {
            String[] memberOf = user.getAttributeValues("memberOf");
            dns.addAll(memberOf == null ? List.of() : List.of(memberOf));
            // Only groups under the group base count: a group's name is unique in its container
            // only, and whoever may create groups elsewhere must not name one "admins".
            dns.removeIf(dn -> !under(dn, settings.groupBaseDn()));
        } else {
            dns.addAll(groupsOf(user.getDN()));
        }
        Set<String> names = new TreeSet<>();
        for (String dn : dns) {
            try {
                names.add(new DN(dn).getRDN().getAttributeValues()[0].toLowerCase(Locale.ROOT));
            } catch (LDAPException | RuntimeException e) {
                // Not a DN: not a group Keycard can name.
            }
        }
        return names;
    }

    /** The DNs of the groups under the group base whose member attribute holds {@code member}. */
    private List<String> groupsOf(String member) {
        List<String> dns = new ArrayList<>();
        SearchRequest request = new SearchRequest(
                settings.groupBaseDn(),
                SearchScope.SUB,
                Filter.createEqualityFilter(settings.groupMemberAttribute(), member),
                SearchRequest.NO_ATTRIBUTES);
        request.setSizeLimit(MAX_GROUPS);
        try {
            pool(true).search(request).getSearchEntries().forEach(group -> dns.add(group.getDN()));
        } catch (LDAPSearchException e) {
            if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw failed("search for groups", e.getResultCode());
            }
            e.getSearchEntries().forEach(group -> dns.add(group.getDN()));
        }
        return dns;
    }

    private static boolean under(String dn, String base) {
        try {
            return new DN(dn).isDescendantOf(new DN(base), false);
        } catch (LDAPException e) {
            return false;
        }
    }

    /** Result codes that mean the directory did not serve the request, rather than refused it. */
    private static boolean unavailable(ResultCode code) {
        return code.isClientSideResultCode()
                || code == ResultCode.UNAVAILABLE
                || code == ResultCode.BUSY
                || code == ResultCode.OTHER
                || code == ResultCode.OPERATIONS_ERROR
                || code == ResultCode.NO_SUCH_OBJECT;
    }

    private DirectoryUnavailable failed(String what, ResultCode code) {
        if (failingSince == null) {
            failingSince = Instant.now();
            LOG.warning("The directory is unavailable: " + what + " failed with " + code.getName() + " ("
                    + code.intValue() + "). Directory users cannot sign in or refresh until it answers.");
        }
        failure = what + " failed with " + code.getName();
        return new DirectoryUnavailable("The directory is unavailable (" + what + ": " + code.getName() + ").");
    }

    private void succeeded() {
        if (failingSince != null) {
            failingSince = null;
            LOG.info("The directory answers again.");
        }
    }

    /** The pool, made at first use: a directory that is down at start delays nothing. */
    private synchronized LDAPConnectionPool pool(boolean forSearches) {
        try {
            if (searches == null) {
                searches = pool(serviceAccount, "search");
            }
            if (binds == null) {
                binds = pool(null, "bind");
            }
        } catch (LDAPException e) {
            throw failed("connect", e.getResultCode());
        }
        return forSearches ? searches : binds;
    }

    private LDAPConnectionPool pool(BindRequest bind, String name) throws LDAPException {
        // No connection at first (made on demand), so that creating the pool never waits.
        LDAPConnectionPool pool = new LDAPConnectionPool(servers, bind, 0, settings.poolSize(), startTls, false);
        pool.setConnectionPoolName("keycard-directory-" + name);
        pool.setMaxWaitTimeMillis(settings.connectTimeout().toMillis());
        // A search on a connection the directory closed (a restart) is tried once more on a new one
        // (so at worst twice the timeouts); binds are not retried by the pool (see authenticate).
        pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.of(OperationType.SEARCH));
        return pool;
    }

    @PreDestroy
    synchronized void close() {
        if (searches != null) {
            searches.close();
        }
        if (binds != null) {
            binds.close();
        }
    }
}
