package dev.keycard.passkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code keycard.passkey.*} settings (docs/passkeys.md), checked at start: a relying party id
 * or origin that no browser would accept would otherwise fail every registration, silently, in
 * the browser. By default they follow {@code keycard.issuer}: its host is the RP id and its origin
 * the one origin allowed, which is right whenever the page is served where the issuer is.
 */
@ApplicationScoped
public class PasskeySettings {

    /** A domain name of letters, digits and hyphens (WebAuthn: a valid domain string, never an IP). */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    @Inject
    @ConfigProperty(name = "keycard.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "keycard.passkey.rp-id")
    Optional<String> rpId;

    @Inject
    @ConfigProperty(name = "keycard.passkey.origins")
    Optional<String> origins;

    @Inject
    @ConfigProperty(name = "keycard.passkey.rp-name")
    String rpName;

    @Inject
    @ConfigProperty(name = "keycard.passkey.challenge-ttl")
    Duration challengeTtl;

    /**
     * Checks every setting, so that a wrong one stops the start with a message naming it. Passkeys
     * that only follow {@code keycard.issuer} do not stop it: an issuer on an IP address or on plain
     * HTTP away from localhost (a test rig, a container reached by its address) runs without them
     * ({@link #enabled()}, and the start says why).
     */
    public void check() {
        rpName();
        challengeTtl();
        if (explicit()) {
            origins();
        }
    }

    /** Whether passkeys can work here: set explicitly, or following an issuer browsers accept. */
    public boolean enabled() {
        return why() == null;
    }

    /** Why passkeys are off, for the start's log; null when they are on. */
    public String why() {
        try {
            origins();
            return null;
        } catch (IllegalStateException unfit) {
            return unfit.getMessage();
        }
    }

    private boolean explicit() {
        return rpId.filter(id -> !id.isBlank()).isPresent()
                || origins.filter(list -> !list.isBlank()).isPresent();
    }

    /** The relying party id: the domain passkeys are bound to. */
    String rpId() {
        String id = rpId.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (id == null) {
            id = host(issuer, "keycard.issuer");
            if (!isDomain(id)) {
                throw invalid(
                        "keycard.passkey.rp-id",
                        "is needed: the host of keycard.issuer (" + id + ") is not a domain name, and WebAuthn takes"
                                + " no IP address as a relying party id");
            }
            return id;
        }
        if (!isDomain(id)) {
            throw invalid(
                    "keycard.passkey.rp-id",
                    "must be a domain name such as example.com (no scheme, port or IP): " + id);
        }
        return id;
    }

    String rpName() {
        String name = rpName.trim();
        if (name.isEmpty() || name.length() > 64) {
            throw invalid("keycard.passkey.rp-name", "must be 1 to 64 characters");
        }
        return name;
    }

    Duration challengeTtl() {
        if (challengeTtl.isNegative() || challengeTtl.isZero() || challengeTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw invalid("keycard.passkey.challenge-ttl", "must be more than zero and at most an hour (PT5M)");
        }
        return challengeTtl;
    }

    /**
     * The origins a response may come from: each https (or http on localhost, which browsers
     * treat as secure), each on the RP id or a subdomain of it, as browsers require.
     */
    Set<String> origins() {
        String rp = rpId();
        Set<String> allowed = new LinkedHashSet<>();
        String list = origins.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        String key = list == null ? "keycard.issuer" : "keycard.passkey.origins";
        for (String one : list == null ? new String[] {issuer} : list.split("[\\s,]+")) {
            String origin = origin(one, key);
            String host = host(origin, key);
            if (!host.equals(rp) && !host.endsWith("." + rp)) {
                throw invalid(
                        list == null ? "keycard.passkey.rp-id" : key,
                        "the origin " + origin + " is not on the relying party id " + rp + " or a subdomain of it");
            }
            if (origin.startsWith("http:") && !host.equals("localhost")) {
                throw invalid(key, "must be https (http only on localhost): " + origin);
            }
            allowed.add(origin);
        }
        return allowed;
    }

    /** scheme://host[:port], lower case, from an origin or from a URL such as the issuer. */
    private static String origin(String url, String key) {
        URI uri = uri(url, key);
        boolean issuerUrl = key.equals("keycard.issuer");
        if (!issuerUrl
                && ((uri.getRawPath() != null
                                && !uri.getRawPath().isEmpty()
                                && !uri.getRawPath().equals("/"))
                        || uri.getRawQuery() != null
                        || uri.getRawFragment() != null)) {
            throw invalid(key, "must be origins (scheme://host[:port]) without a path: " + url);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        // Browsers leave a scheme's default port out of the origin they report.
        boolean defaultPort = uri.getPort() < 0
                || (scheme.equals("https") && uri.getPort() == 443)
                || (scheme.equals("http") && uri.getPort() == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + uri.getPort());
    }

    private static String host(String url, String key) {
        return uri(url, key).getHost().toLowerCase(Locale.ROOT);
    }

    private static URI uri(String url, String key) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http"))
                    || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw invalid(key, "must be an http(s) URL with a host: " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(key, "is not a URL: " + url);
        }
    }

    private static boolean isDomain(String host) {
        return DOMAIN.matcher(host).matches() && !IPV4.matcher(host).matches();
    }

    private static IllegalStateException invalid(String key, String why) {
        return new IllegalStateException("Passkeys cannot work: " + key + " " + why + ".");
    }
}
