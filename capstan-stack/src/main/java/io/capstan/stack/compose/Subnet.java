package io.capstan.stack.compose;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 subnet in CIDR form ({@code 172.28.5.0/24}), to check a fixed address before the engine does. */
final class Subnet {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final byte[] network;
    private final int prefix;

    private Subnet(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** @throws IllegalArgumentException when {@code cidr} is not an address, a slash and a prefix length */
    static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("subnet '" + cidr + "' is not in CIDR form, such as 172.28.5.0/24");
        }
        byte[] address;
        try {
            address = address(cidr.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subnet '" + cidr + "': " + e.getMessage(), e);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("subnet '" + cidr + "' has no valid prefix length: expected 0 to "
                    + address.length * 8 + " after the '/'");
        }
        return new Subnet(address, prefix);
    }

    /** An IPv4 or IPv6 address written as digits (never looked up by name). */
    static byte[] address(String text) {
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    throw notAnAddress(text);
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (IPV6.matcher(text).matches()) {
            try {
                return InetAddress.getByName(text).getAddress(); // a literal with ':' is parsed, never resolved
            } catch (UnknownHostException e) {
                throw notAnAddress(text);
            }
        }
        throw notAnAddress(text);
    }

    static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches();
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IP address");
    }

    boolean isIpv4() {
        return network.length == 4;
    }

    /** The address the subnet is written with. */
    byte[] first() {
        return network.clone();
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
