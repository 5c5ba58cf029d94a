package io.capstan.kernels.launch;

import java.util.Set;

/** Swarm's task states a task never leaves: it ran and ended, failed, or never got to run. */
final class SwarmTaskStates {
    private static final Set<String> ENDED = Set.of("complete", "failed", "rejected", "shutdown", "orphaned", "remove");

    private SwarmTaskStates() {
    }

    static boolean ended(String state) {
        return ENDED.contains(state);
    }
}
