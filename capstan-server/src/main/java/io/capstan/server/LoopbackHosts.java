package io.capstan.server;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} names a server on a loopback address answers: {@code localhost}, {@code 127.0.0.1},
 * {@code [::1]} and the name it was bound to, with any port. A page from elsewhere that renamed its own host to this
 * address (DNS rebinding) still sends its own name, and is refused.
 */
final class LoopbackHosts {
    private final Set<String> names;

    LoopbackHosts(String bind) {
        String bound = bind.toLowerCase(Locale.ROOT);
        Set<String> known = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
        known.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
        this.names = Set.copyOf(known);
    }

    /** Whether a request's {@code Host} header names this server; no header at all is a client that is not a browser. */
    boolean allows(String host) {
        if (host == null || host.isEmpty()) {
            return true;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        int port = name.lastIndexOf(':');
        if (port > name.lastIndexOf(']')) {
            String digits = name.substring(port + 1);
            if (!digits.chars().allMatch(Character::isDigit)) {
                return false;
            }
            name = name.substring(0, port);
        }
        return names.contains(name);
    }
}
