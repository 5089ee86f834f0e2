package dev.keycard.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} is believed: addresses or CIDR ranges
 * ({@code 10.0.0.0/8}, {@code fd00::/8}). Ranges matter where proxies have no fixed address, such
 * as ingress controller pods in Kubernetes. Only IP literals are compared: a host name in a header
 * is never resolved.
 */
final class TrustedProxies {

    /** A dotted IPv4 address, or anything with a colon (which InetAddress parses as IPv6, never looks up). */
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** Parses {@code keycard.http.trusted-proxies}; a malformed entry fails start-up, naming it. */
    static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
            int bits = network == null ? -1 : slash < 0 ? network.length * 8 : parseBits(text.substring(slash + 1));
            if (network == null || bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("keycard.http.trusted-proxies: '" + text
                        + "' is not an IP address or a CIDR range such as 10.0.0.0/8");
            }
            ranges.add(new Range(network, bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = literal(address.trim());
        return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /** Whether {@code text} is an IP address literal (never looked up). */
    static boolean isAddress(String text) {
        return text.length() <= 45 && literal(text) != null;
    }

    private static int parseBits(String text) {
        return text.matches("[0-9]{1,3}") ? Integer.parseInt(text) : -1;
    }

    private static byte[] literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            // Only literals reach here, so this never looks anything up.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return null;
        }
    }
}
