package dev.keycard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestIdentificationTest {

    private static final List<String> PROXIES = List.of("10.0.0.1", "10.0.0.2");

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxies() {
        assertEquals("192.0.2.9", RequestIdentification.clientAddress("192.0.2.9", "203.0.113.5", List.of()));
    }

    @Test
    void forwardedForIsIgnoredFromAPeerThatIsNotATrustedProxy() {
        assertEquals("192.0.2.9", RequestIdentification.clientAddress("192.0.2.9", "203.0.113.5", PROXIES));
    }

    @Test
    void rightMostUntrustedHopIsTheClient() {
        // The client forged the first entry; the proxies appended the real hops.
        assertEquals("203.0.113.5", RequestIdentification.clientAddress("10.0.0.1",
                "6.6.6.6, 203.0.113.5, 10.0.0.2", PROXIES));
    }

    @Test
    void onlyProxiesInTheChainFallsBackToThePeer() {
        assertEquals("10.0.0.1", RequestIdentification.clientAddress("10.0.0.1", "10.0.0.2", PROXIES));
    }
}
