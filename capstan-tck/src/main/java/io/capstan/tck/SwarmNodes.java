package io.capstan.tck;

import java.nio.file.Path;

/**
 * The engines {@code scripts/swarm-nodes.sh} starts as the nodes of a real swarm, named as the script's environment
 * names them ({@code CAPSTAN_SWARM_NODE_PREFIX}, {@code CAPSTAN_SWARM_NODE_NETWORK}), so that two runs never meet.
 */
public final class SwarmNodes {
    /** The script, from a module's directory. */
    public static final Path SCRIPT = Path.of("..", "scripts", "swarm-nodes.sh").toAbsolutePath().normalize();
    /** What the nodes' names start with: node {@code n} is {@code PREFIX-n}, node 1 the manager. */
    public static final String PREFIX = setting("CAPSTAN_SWARM_NODE_PREFIX", "capstan-swarm-node");
    /** The network the nodes are on; their host-mode ports answer at their addresses there. */
    public static final String NETWORK = setting("CAPSTAN_SWARM_NODE_NETWORK", "capstan-swarm-nodes");

    private SwarmNodes() {
    }

    /** The name (and hostname) of node {@code n}, counted from 1. */
    public static String node(int n) {
        return PREFIX + "-" + n;
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
