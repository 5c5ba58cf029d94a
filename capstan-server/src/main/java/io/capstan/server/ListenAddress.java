package io.capstan.server;

import io.capstan.core.error.InvalidSpecException;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Checks {@code --bind} and {@code --port} before the server starts anything: a port 0-65535, and an address this
 * host has (or {@code 0.0.0.0}, {@code ::}, a loopback name).
 */
public final class ListenAddress {
    private static final Pattern DOTTED = Pattern.compile("[0-9.]+");

    private ListenAddress() {
    }

    public static void check(String bind, int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidSpecException("--port " + port + ": expected a TCP port 1-65535 (or 0 for any free one)");
        }
        if (bind == null || bind.isBlank()) {
            throw new InvalidSpecException("--bind is empty: expected an address of this host, such as 127.0.0.1 "
                    + "or 0.0.0.0");
        }
        if (DOTTED.matcher(bind).matches() && !ipv4(bind)) {
            throw new InvalidSpecException("--bind " + bind + ": not an IPv4 address (four numbers 0-255, such as "
                    + "127.0.0.1 or 0.0.0.0)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new InvalidSpecException("--bind " + bind + ": no such address or host name; expected an address of "
                    + "this host, such as 127.0.0.1 or 0.0.0.0");
        }
        if (!local(address)) {
            throw new InvalidSpecException("--bind " + bind + ": " + address.getHostAddress() + " is not an address of "
                    + "this host; expected one of its own, such as 127.0.0.1 or 0.0.0.0");
        }
    }

    private static boolean ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean local(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true; // the bind itself will say
        }
    }
}
