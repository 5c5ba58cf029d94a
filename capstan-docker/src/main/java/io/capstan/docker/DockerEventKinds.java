package io.capstan.docker;

import io.capstan.core.model.EventKind;

import java.util.Map;

/** Docker's (and Podman's compatible API's) event verbs as engine-neutral kinds. */
final class DockerEventKinds {
    private static final Map<String, EventKind> BY_VERB = Map.ofEntries(
            Map.entry("create", EventKind.CREATED),
            Map.entry("start", EventKind.STARTED),
            Map.entry("stop", EventKind.STOPPED),
            Map.entry("kill", EventKind.KILLED),
            Map.entry("die", EventKind.DIED),
            Map.entry("destroy", EventKind.DESTROYED),
            Map.entry("restart", EventKind.RESTARTED),
            Map.entry("pause", EventKind.PAUSED),
            Map.entry("unpause", EventKind.UNPAUSED),
            Map.entry("oom", EventKind.OOM),
            Map.entry("update", EventKind.UPDATED),
            Map.entry("rename", EventKind.RENAMED));
    /** Docker says {@code health_status: healthy}, older engines and Podman {@code health_status}. */
    private static final String HEALTH_PREFIX = "health_status";

    private DockerEventKinds() {
    }

    static EventKind of(String verb) {
        if (verb.startsWith(HEALTH_PREFIX)) {
            return EventKind.HEALTH;
        }
        return BY_VERB.getOrDefault(verb, EventKind.OTHER);
    }
}
