package io.capstan.stack.compose;

import io.capstan.core.spec.ContainerSettings;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.RestartPolicy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a stack's compose files declare, merged and checked: the model Capstan's own compose engine runs.
 *
 * @param name       the project name: labels and resource names derive from it
 * @param projectDir the directory of the first compose file; relative paths resolve against it
 * @param services   services in the order the files declare them
 * @param networks   networks by their key in the files (including {@code default} when a service needs it)
 * @param volumes    named volumes by their key in the files
 * @param secrets    top-level {@code secrets} by key
 * @param configs    top-level {@code configs} by key
 * @param warnings   unknown keys and other things worth a line
 */
public record ComposeProject(String name, Path projectDir, Map<String, Service> services, Map<String, Network> networks,
                             Map<String, Volume> volumes, Map<String, FileSource> secrets,
                             Map<String, FileSource> configs, List<String> warnings) {

    /**
     * One service.
     *
     * @param image         the image to run; for a service with {@code build}, the name its build is tagged with
     * @param build         how to build the image, or null
     * @param containerName a fixed container name, or null for {@code <project>-<service>-<n>}
     * @param command       replaces the image's CMD; null keeps it
     * @param entrypoint    replaces the image's ENTRYPOINT; null keeps it
     * @param networks      network keys with the aliases the service has on each
     * @param dependsOn     services this one waits for, with the condition it waits for
     * @param replicas      {@code deploy.replicas}, default 1
     * @param location      where the service is declared, for messages
     * @param settings      privileges, limits, process, DNS and logging ({@code cap_add}, {@code ulimits}, ...)
     * @param pullPolicy    when the image is pulled or built
     * @param files         the secrets and configs it mounts, secrets first
     */
    public record Service(String name, String image, Build build, String containerName, List<String> command,
                          List<String> entrypoint, Map<String, String> environment, List<PortMapping> ports,
                          List<Mount> mounts, Map<String, List<String>> networks, Map<String, Condition> dependsOn,
                          HealthCheck healthCheck, RestartPolicy restart, Map<String, String> labels, String user,
                          String workingDir, String hostname, List<String> extraHosts, Resources resources,
                          int replicas, String location, ContainerSettings settings, PullPolicy pullPolicy,
                          List<FileMount> files) {
    }

    /**
     * {@code pull_policy}. Without one, Capstan never pulls: a missing image is built when the service has
     * {@code build:}, and is an error otherwise.
     */
    public enum PullPolicy {
        DEFAULT, ALWAYS, NEVER, MISSING, BUILD
    }

    /** {@code build:} — the context directory, Dockerfile (relative to the context), build args and target. */
    public record Build(Path context, String dockerfile, Map<String, String> args, String target) {
    }

    public enum Condition {
        SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY
    }

    /** A network: {@code name} is the engine's name for it; an external one must exist and is never created. */
    public record Network(String key, String name, String driver, boolean external, boolean internal,
                          Map<String, String> labels) {
    }

    /** A named volume: {@code name} is the engine's name; an external one must exist and is never created. */
    public record Volume(String key, String name, String driver, boolean external, Map<String, String> labels) {
    }
}
