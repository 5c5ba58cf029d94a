package io.capstan.core.engine;

import java.util.List;

/**
 * A capability: containers on a network also reach a container by extra names, given when it is created
 * ({@link io.capstan.core.spec.NetworkAttachment#aliases()}) or connected. An engine without it refuses a container
 * spec that asks for aliases.
 */
public interface NetworkAliases {

    /** Attaches a container; other containers on the network reach it by its name and by {@code aliases}. */
    void connect(String network, String container, List<String> aliases);
}
