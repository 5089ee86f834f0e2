package dev.keycard.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code keycard.ldap.*} settings (docs/directory.md), checked once: a setting that cannot work
 * stops the start with a message naming it, rather than failing every sign-in later. The directory
 * is off unless {@code keycard.ldap.url} is set.
 */
@ApplicationScoped
public class DirectorySettings {

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    @Inject
    @ConfigProperty(name = "keycard.ldap.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "keycard.ldap.start-tls")
    boolean startTls;

    @Inject
    @ConfigProperty(name = "keycard.ldap.bind-dn")
    Optional<String> bindDn;

    @Inject
    @ConfigProperty(name = "keycard.ldap.bind-password")
    Optional<String> bindPassword;

    @Inject
    @ConfigProperty(name = "keycard.ldap.user-base-dn")
    Optional<String> userBaseDn;

    @Inject
    @ConfigProperty(name = "keycard.ldap.user-filter")
    String userFilter;

    @Inject
    @ConfigProperty(name = "keycard.ldap.username-attribute")
    String usernameAttribute;

    @Inject
    @ConfigProperty(name = "keycard.ldap.id-attribute")
    String idAttribute;

    @Inject
    @ConfigProperty(name = "keycard.ldap.display-name-attribute")
    String displayNameAttribute;

    @Inject
    @ConfigProperty(name = "keycard.ldap.email-attribute")
    String emailAttribute;

    @Inject
    @ConfigProperty(name = "keycard.ldap.group-search")
    String groupSearch;

    @Inject
    @ConfigProperty(name = "keycard.ldap.group-base-dn")
    Optional<String> groupBaseDn;

    @Inject
    @ConfigProperty(name = "keycard.ldap.group-member-attribute")
    String groupMemberAttribute;

    @Inject
    @ConfigProperty(name = "keycard.ldap.group-roles")
    Optional<String> groupRoles;

    @Inject
    @ConfigProperty(name = "keycard.ldap.connect-timeout")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "keycard.ldap.response-timeout")
    Duration responseTimeout;

    @Inject
    @ConfigProperty(name = "keycard.ldap.pool-size")
    int poolSize;

    @Inject
    @ConfigProperty(name = "keycard.ldap.trust-store")
    Optional<String> trustStore;

    @Inject
    @ConfigProperty(name = "keycard.ldap.trust-store-password")
    Optional<String> trustStorePassword;

    /** How group membership is read: groups naming the user, or the user's memberOf. */
    public enum GroupSearch {
        /** Groups under the group base whose member attribute holds the user's DN (OpenLDAP, AD). */
        MEMBER,
        /** The user's own {@code memberOf} (AD; OpenLDAP with the memberof overlay). */
        MEMBER_OF
    }

    public boolean enabled() {
        return url.filter(u -> !u.isBlank()).isPresent();
    }

    /** The directory's addresses, in failover order. */
    List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (String one : url.orElse("").trim().split("[\\s,]+")) {
            String lower = one.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("ldap://") && !lower.startsWith("ldaps://")) {
                throw invalid("keycard.ldap.url", "each address must start with ldap:// or ldaps://: " + one);
            }
            urls.add(one);
        }
        return urls;
    }

    boolean startTls() {
        return startTls;
    }

    Optional<String> bindDn() {
        return bindDn.filter(dn -> !dn.isBlank());
    }

    Optional<String> bindPassword() {
        return bindPassword;
    }

    String userBaseDn() {
        return userBaseDn
                .filter(dn -> !dn.isBlank())
                .orElseThrow(() -> invalid("keycard.ldap.user-base-dn", "is required with keycard.ldap.url"));
    }

    String groupBaseDn() {
        return groupBaseDn.filter(dn -> !dn.isBlank()).orElseGet(this::userBaseDn);
    }

    String userFilter() {
        if (!userFilter.contains("{0}")) {
            throw invalid("keycard.ldap.user-filter", "must contain {0}, where the username goes");
        }
        return userFilter;
    }

    String usernameAttribute() {
        return usernameAttribute;
    }

    String idAttribute() {
        return idAttribute;
    }

    String displayNameAttribute() {
        return displayNameAttribute;
    }

    String emailAttribute() {
        return emailAttribute;
    }

    String groupMemberAttribute() {
        return groupMemberAttribute;
    }

    GroupSearch groupSearch() {
        return switch (groupSearch.toLowerCase(Locale.ROOT)) {
            case "member" -> GroupSearch.MEMBER;
            case "memberof" -> GroupSearch.MEMBER_OF;
            default -> throw invalid("keycard.ldap.group-search", "must be member or memberOf, not " + groupSearch);
        };
    }

    /** Directory group name (lower case) to Keycard role, from {@code admins:admin,auditors:auditor}. */
    Map<String, String> groupRoles() {
        Map<String, String> roles = new TreeMap<>();
        for (String pair : groupRoles.orElse("").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.lastIndexOf(':');
            String group = colon < 0 ? "" : pair.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String role = colon < 0 ? "" : pair.substring(colon + 1).trim();
            if (group.isEmpty() || !ROLE.matcher(role).matches()) {
                throw invalid(
                        "keycard.ldap.group-roles",
                        "must be group:role pairs separated by commas (roles of a-z, 0-9, '_', '-'): " + pair.trim());
            }
            roles.put(group, role);
        }
        return roles;
    }

    /** Every directory user has {@code user}, and a role for each mapped group they are in. */
    Set<String> roles(Set<String> groups) {
        Map<String, String> mapping = groupRoles();
        Set<String> roles = new TreeSet<>(Set.of("user"));
        for (String group : groups) {
            String role = mapping.get(group.toLowerCase(Locale.ROOT));
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    Duration connectTimeout() {
        return positive("keycard.ldap.connect-timeout", connectTimeout);
    }

    Duration responseTimeout() {
        return positive("keycard.ldap.response-timeout", responseTimeout);
    }

    int poolSize() {
        if (poolSize < 1) {
            throw invalid("keycard.ldap.pool-size", "must be at least 1");
        }
        return poolSize;
    }

    Optional<String> trustStore() {
        return trustStore.filter(path -> !path.isBlank());
    }

    Optional<String> trustStorePassword() {
        return trustStorePassword;
    }

    private static Duration positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw invalid(key, "must be a positive duration");
        }
        return value;
    }

    static IllegalStateException invalid(String key, String why) {
        return new IllegalStateException(
                key + " (" + key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_") + ") " + why);
    }
}
