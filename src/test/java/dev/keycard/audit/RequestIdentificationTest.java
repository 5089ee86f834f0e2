package dev.keycard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestIdentificationTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.1", "10.0.0.2"));

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxies() {
        assertEquals("192.0.2.9", RequestIdentification.clientAddress("192.0.2.9", "203.0.113.5", TrustedProxies.NONE));
    }

    @Test
    void forwardedForIsIgnoredFromAPeerThatIsNotATrustedProxy() {
        assertEquals("192.0.2.9", RequestIdentification.clientAddress("192.0.2.9", "203.0.113.5", PROXIES));
    }

    @Test
    void rightMostUntrustedHopIsTheClient() {
        // The client forged the first entry; the proxies appended the real hops.
        assertEquals(
                "203.0.113.5",
                RequestIdentification.clientAddress("10.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.2", PROXIES));
    }

    @Test
    void onlyProxiesInTheChainFallsBackToThePeer() {
        assertEquals("10.0.0.1", RequestIdentification.clientAddress("10.0.0.1", "10.0.0.2", PROXIES));
    }

    @Test
    void proxiesMayBeGivenAsCidrRanges() {
        TrustedProxies pods = TrustedProxies.parse(List.of("10.244.0.0/16", "fd00::/8"));
        assertEquals("203.0.113.5", RequestIdentification.clientAddress("10.244.3.17", "203.0.113.5", pods));
        assertEquals("203.0.113.5", RequestIdentification.clientAddress("fd12::1", "203.0.113.5", pods));
        assertEquals("10.245.0.1", RequestIdentification.clientAddress("10.245.0.1", "203.0.113.5", pods));
    }

    @Test
    void aRangeMatchesOnlyItsPrefixBits() {
        TrustedProxies range = TrustedProxies.parse(List.of("192.168.4.0/22"));
        assertTrue(range.contains("192.168.7.255"));
        assertFalse(range.contains("192.168.8.0"));
        assertFalse(range.contains("proxy.example.com"), "host names are never resolved");
    }

    @Test
    void aMalformedEntryIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/33")));
        assertTrue(e.getMessage().contains("10.0.0.0/33"));
    }

    @Test
    void aForwardedForHopThatIsNoAddressIsNotTakenForTheClient() {
        // A refresh token pasted into the header must not become the audit trail's client address.
        String token = "Qm9nb3VzLXJlZnJlc2gtdG9rZW4tb2YtNDMtY2hhcnM";
        assertEquals("10.0.0.1", RequestIdentification.clientAddress("10.0.0.1", token, PROXIES));
        assertEquals("10.0.0.1", RequestIdentification.clientAddress("10.0.0.1", "203.0.113.5, " + token, PROXIES));
        assertEquals("2001:db8::7", RequestIdentification.clientAddress("10.0.0.1", token + ", 2001:db8::7", PROXIES));
    }

    @Test
    void aRequestIdAsLongAsASecretIsReplacedByANewOne() {
        String uuid = "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e";
        assertEquals(uuid, RequestIdentification.requestId(uuid));
        assertEquals("audit-it-42", RequestIdentification.requestId("audit-it-42"));
        String refreshToken = "Qm9nb3VzLXJlZnJlc2gtdG9rZW4tb2YtNDMtY2hhcnM";
        assertFalse(RequestIdentification.requestId(refreshToken).equals(refreshToken));
    }

    @Test
    void aRequestIdShapedLikeAnAppSecretOrARecoveryCodeIsReplaced() {
        for (String secret :
                new String[] {"KZETF7QNY74T75PK4OELAV6WYPWDDNBG", "abcd-efgh-ijkl-mnop", "ABCDEFGHIJKLMNOP"}) {
            assertFalse(RequestIdentification.requestId(secret).equals(secret), secret);
        }
        assertEquals(
                "0123456789abcdef0123456789abcdef",
                RequestIdentification.requestId("0123456789abcdef0123456789abcdef"));
    }
}
