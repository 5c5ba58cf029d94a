package io.capstan.docker;

/**
 * Where an engine stands in a swarm.
 *
 * @param localState  {@code inactive}, {@code pending}, {@code active}, {@code error} or {@code locked}
 * @param manager     true when it manages the swarm (services can be changed through it)
 * @param nodeId      its node id (empty outside a swarm)
 * @param nodeAddress the address other nodes reach it at
 * @param nodes       nodes in the swarm (known to managers only)
 * @param managers    managers in the swarm (known to managers only)
 * @param error       what went wrong, in the engine's words (empty when nothing did)
 */
public record SwarmState(String localState, boolean manager, String nodeId, String nodeAddress, int nodes, int managers,
                         String error) {
    public boolean active() {
        return "active".equals(localState);
    }
}
