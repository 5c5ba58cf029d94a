package io.capstan.core.spec;

import java.util.List;

/**
 * A network the container joins, with the extra names other containers on it may use for it, and the addresses
 * it asks for there (null: the engine picks one; a fixed address needs a network with a configured subnet).
 */
public record NetworkAttachment(String network, List<String> aliases, String ipv4Address, String ipv6Address,
                                List<String> linkLocalIps) {
    public NetworkAttachment {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        linkLocalIps = linkLocalIps == null ? List.of() : List.copyOf(linkLocalIps);
    }

    public NetworkAttachment(String network, List<String> aliases) {
        this(network, aliases, null, null, List.of());
    }

    public static NetworkAttachment of(String network) {
        return new NetworkAttachment(network, List.of());
    }

    /** True when the container asks for any address of its own here. */
    public boolean fixesAddresses() {
        return ipv4Address != null || ipv6Address != null || !linkLocalIps.isEmpty();
    }
}
