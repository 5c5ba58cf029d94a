package io.capstan.core.spec;

import java.util.List;

/** A network the container joins, with the extra names other containers on it may use for it. */
public record NetworkAttachment(String network, List<String> aliases) {
    public NetworkAttachment {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public static NetworkAttachment of(String network) {
        return new NetworkAttachment(network, List.of());
    }
}
