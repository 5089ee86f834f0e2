package dev.keycard.keys;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands Keycard's public keys to Open Liberty's MicroProfile JWT as an inline JWK Set
 * ({@code mp.jwt.verify.publickey}), registered through META-INF/services.
 * <p>
 * Why inline and not a URL: Liberty re-reads these properties on every request and caches the
 * parsed key set by its text, so an inline value costs one field read, follows key changes at
 * once, and never makes Liberty fetch anything. {@code mp.jwt.verify.publickey.location} on a PEM
 * file grows a key set per token (measured ~400 requests/s and falling with 2,000 distinct tokens,
 * against ~4,000 inline), and a JWKS URL makes Liberty refetch on every unknown {@code kid}, which
 * an attacker can trigger for free.
 * <p>
 * Liberty calls {@link #getValue} about a dozen times per request, so it must stay a field read.
 */
public class VerificationKeys implements ConfigSource {

    static final String PROPERTY = "mp.jwt.verify.publickey";

    private static volatile String jwks;

    static void publish(String keySet) {
        jwks = keySet;
    }

    @Override
    public Set<String> getPropertyNames() {
        return jwks == null ? Set.of() : Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        String value = jwks;
        return value == null ? Map.of() : Map.of(PROPERTY, value);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? jwks : null;
    }

    /** Above every other source: the verification keys are Keycard's to decide, not an override's. */
    @Override
    public int getOrdinal() {
        return 1000;
    }

    @Override
    public String getName() {
        return "Keycard signing keys";
    }
}
