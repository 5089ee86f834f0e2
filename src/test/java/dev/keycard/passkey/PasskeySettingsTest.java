package dev.keycard.passkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.ShippedConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Passkeys follow the issuer unless told otherwise; a setting no browser would accept stops the start. */
class PasskeySettingsTest {

    static PasskeySettings shipped(String issuer) {
        Map<String, String> defaults = ShippedConfig.properties();
        PasskeySettings settings = new PasskeySettings();
        settings.issuer = issuer;
        settings.rpId = Optional.empty();
        settings.origins = Optional.empty();
        settings.rpName = defaults.get("keycard.passkey.rp-name");
        settings.challengeTtl = Duration.parse(defaults.get("keycard.passkey.challenge-ttl"));
        return settings;
    }

    @Test
    void theIssuersHostIsTheRelyingPartyAndItsOriginTheOnlyOrigin() {
        PasskeySettings settings = shipped("https://Auth.Example.com/realm");
        settings.check();
        assertEquals("auth.example.com", settings.rpId());
        assertEquals(Set.of("https://auth.example.com"), settings.origins());
        assertEquals("Keycard", settings.rpName());
        assertEquals(Duration.ofMinutes(5), settings.challengeTtl());
    }

    @Test
    void localhostOverPlainHttpIsAllowedAsBrowsersAllowIt() {
        PasskeySettings settings = shipped("http://localhost:19080");
        settings.check();
        assertEquals("localhost", settings.rpId());
        assertEquals(Set.of("http://localhost:19080"), settings.origins());
    }

    @Test
    void aParentDomainServesPagesOnItsSubdomains() {
        PasskeySettings settings = shipped("https://auth.example.com");
        settings.rpId = Optional.of("example.com");
        settings.origins = Optional.of("https://auth.example.com:443, https://app.example.com:8443/");
        assertEquals("example.com", settings.rpId());
        assertEquals(
                Set.of("https://auth.example.com", "https://app.example.com:8443"),
                settings.origins(),
                "an origin as browsers report it: without the scheme's default port");
    }

    @Test
    void settingsThatCannotWorkNameThemselves() {
        assertRefused("keycard.passkey.rp-id", s -> s.rpId = Optional.of("https://example.com"));
        assertRefused("keycard.passkey.rp-id", s -> s.rpId = Optional.of("10.0.0.1"));
        assertRefused("keycard.passkey.rp-id", s -> s.rpId = Optional.of("other.example"));
        assertRefused("keycard.passkey.origins", s -> s.origins = Optional.of("https://evil.example"));
        assertRefused("keycard.passkey.origins", s -> s.origins = Optional.of("http://auth.example.com"));
        assertRefused("keycard.passkey.origins", s -> s.origins = Optional.of("https://auth.example.com/login"));
        assertRefused("keycard.passkey.origins", s -> s.origins = Optional.of("auth.example.com"));
        assertRefused("keycard.passkey.rp-name", s -> s.rpName = " ");
        assertRefused("keycard.passkey.challenge-ttl", s -> s.challengeTtl = Duration.ZERO);
        assertRefused("keycard.passkey.challenge-ttl", s -> s.challengeTtl = Duration.ofDays(1));
    }

    @Test
    void anIssuerBrowsersTakeNoPasskeysFromTurnsThemOffWithoutStoppingTheStart() {
        for (String issuer :
                new String[] {"http://127.0.0.1:9080", "http://keycard.internal:9080", "http://[::1]:9080"}) {
            PasskeySettings settings = shipped(issuer);
            settings.check();
            assertFalse(settings.enabled(), issuer);
            assertTrue(settings.why().startsWith("Passkeys cannot work"), settings.why());
        }
        assertTrue(shipped("https://auth.example.com").enabled());
        PasskeySettings named = shipped("http://127.0.0.1:9080");
        named.rpId = Optional.of("10.0.0.1");
        assertThrows(IllegalStateException.class, named::check, "set explicitly, a wrong one still stops the start");
    }

    private static void assertRefused(String key, Consumer<PasskeySettings> breaking) {
        PasskeySettings settings = shipped("https://auth.example.com");
        breaking.accept(settings);
        IllegalStateException refused = assertThrows(IllegalStateException.class, settings::check);
        assertTrue(refused.getMessage().contains(key), refused.getMessage());
    }
}
