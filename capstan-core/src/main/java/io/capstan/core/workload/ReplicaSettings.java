package io.capstan.core.workload;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How each replica's container is set up, beyond what every target shares: what a stack's service asks for.
 *
 * @param entrypoint      replaces the image's entrypoint ({@link WorkloadSpec#command()} is then its arguments);
 *                        null: the workload's command replaces the image's command line as a whole
 * @param user            the user the process runs as, or null
 * @param workingDir      the process's working directory, or null
 * @param hostname        the containers' hostname, or null
 * @param extraHosts      {@code HOST:ADDRESS} entries added to {@code /etc/hosts}
 * @param stopGracePeriod how long a replica may take to stop before it is killed, or null for the target's default
 * @param containerLabels labels on each replica's container
 * @param aliases         names other replicas on the same networks reach these replicas by
 * @param secrets         secrets mounted into each replica
 * @param configs         configs mounted into each replica
 */
public record ReplicaSettings(List<String> entrypoint, String user, String workingDir, String hostname,
                              List<String> extraHosts, Duration stopGracePeriod, Map<String, String> containerLabels,
                              List<String> aliases, List<FileRef> secrets, List<FileRef> configs) {
    public static final ReplicaSettings NONE = new ReplicaSettings(null, null, null, null, List.of(), null, Map.of(),
            List.of(), List.of(), List.of());

    public ReplicaSettings {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        extraHosts = List.copyOf(extraHosts == null ? List.of() : extraHosts);
        containerLabels = Map.copyOf(containerLabels == null ? Map.of() : containerLabels);
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
        secrets = List.copyOf(secrets == null ? List.of() : secrets);
        configs = List.copyOf(configs == null ? List.of() : configs);
    }

    /**
     * A stored secret or config mounted as a file.
     *
     * @param name   the stored object's name on the target
     * @param target the file's path in the container (a relative one: under the target's default directory)
     * @param mode   the file's mode, such as {@code 0444}
     */
    public record FileRef(String name, String target, int mode) {
    }
}
