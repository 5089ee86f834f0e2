package dev.keycard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AddressThrottleTest {

    @Test
    void ipv4AddressesCountOnTheirOwn() {
        assertEquals("203.0.113.7", AddressThrottle.key("203.0.113.7"));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertEquals(AddressThrottle.key("2001:db8:1:2:aaaa::1"), AddressThrottle.key("2001:db8:1:2:bbbb::99"));
        assertEquals("2001:db8:1:2::/64", AddressThrottle.key("2001:db8:1:2:aaaa::1"));
    }

    @Test
    void somethingThatIsNotAnAddressIsNeverResolved() {
        assertEquals("evil.example:80", AddressThrottle.key("evil.example:80"));
    }
}
