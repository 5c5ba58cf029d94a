package io.capstan.stack.compose;

import io.capstan.core.spec.ContainerSettings;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.ImageBuild;
import io.capstan.core.spec.Ipam;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.RestartPolicy;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param inactiveServices services the files declare whose profiles are not active: not in {@code services}, and
 *                   their containers are not orphans
 */
public record ComposeProject(String name, Path projectDir, Map<String, Service> services, Map<String, Network> networks,
                             Map<String, Volume> volumes, Map<String, FileSource> secrets,
                             Map<String, FileSource> configs, List<String> warnings, Set<String> inactiveServices) {

    public ComposeProject(String name, Path projectDir, Map<String, Service> services, Map<String, Network> networks,
                          Map<String, Volume> volumes, Map<String, FileSource> secrets, Map<String, FileSource> configs,
                          List<String> warnings) {
        this(name, projectDir, services, networks, volumes, secrets, configs, warnings, Set.of());
    }

    ComposeProject withInactiveServices(Set<String> inactive) {
        return new ComposeProject(name, projectDir, services, networks, volumes, secrets, configs, warnings,
                Set.copyOf(inactive));
    }

    /**
     * One service.
     *
     * @param image         the image to run; for a service with {@code build}, the name its build is tagged with
     * @param build         how to build the image, or null
     * @param containerName a fixed container name, or null for {@code <project>-<service>-<n>}
     * @param command       replaces the image's CMD; null keeps it
     * @param entrypoint    replaces the image's ENTRYPOINT; null keeps it
     * @param networks      network keys with the service's settings on each (empty with {@code networkMode})
     * @param dependsOn     services this one waits for, with the condition it waits for
     * @param replicas      {@code deploy.replicas}, default 1
     * @param location      where the service is declared, for messages
     * @param settings      privileges, limits, process, DNS and logging ({@code cap_add}, {@code ulimits}, ...)
     * @param pullPolicy    when the image is pulled or built
     * @param profiles      the profiles it runs with ({@code profiles:}); empty: it always runs
     * @param networkMode   {@code network_mode} as written ({@code host}, {@code none}, {@code bridge},
     *                      {@code service:NAME}, {@code container:NAME}), or null: the service joins {@code networks}
     * @param macAddress    the service's {@code mac_address}, or null
     * @param files         the secrets and configs it mounts, secrets first
     * @param hooks         its {@code post_start} and {@code pre_stop} commands
     * @param portLabels    the long syntax's {@code name} and {@code app_protocol} of the ports that set them
     */
    public record Service(String name, String image, Build build, String containerName, List<String> command,
                          List<String> entrypoint, Map<String, String> environment, List<PortMapping> ports,
                          List<Mount> mounts, Map<String, ServiceNetwork> networks, Map<String, Condition> dependsOn,
                          HealthCheck healthCheck, RestartPolicy restart, Map<String, String> labels, String user,
                          String workingDir, String hostname, List<String> extraHosts, Resources resources,
                          int replicas, String location, ContainerSettings settings, PullPolicy pullPolicy,
                          List<String> profiles, String networkMode, String macAddress, List<FileMount> files,
                          Hook.Hooks hooks, Map<PortMapping, PortLabel> portLabels) {

        /** Network keys as Compose connects them: highest {@code priority} first, then by key; the first is primary. */
        public List<String> networksByPriority() {
            return ServiceNetwork.byPriority(networks);
        }

        /** The service named by {@code network_mode: service:NAME}, whose network namespace this one joins, or null. */
        public String networkService() {
            return networkMode != null && networkMode.startsWith("service:") ? networkMode.substring("service:".length()) : null;
        }

        /** The services whose network, PID or IPC namespace this one joins ({@code service:NAME}): started first. */
        public Set<String> namespaceServices() {
            return SharedNamespaces.joined(networkService(), settings);
        }
    }

    /**
     * A service's settings on one network: extra names, the addresses it asks for (null: the engine picks),
     * {@code mac_address} and {@code priority} (higher is connected first).
     */
    public record ServiceNetwork(List<String> aliases, String ipv4Address, String ipv6Address, List<String> linkLocalIps,
                                 String macAddress, int priority) {
        public ServiceNetwork {
            aliases = List.copyOf(aliases);
            linkLocalIps = List.copyOf(linkLocalIps);
        }

        public static ServiceNetwork plain() {
            return new ServiceNetwork(List.of(), null, null, List.of(), null, 0);
        }

        /** Network keys highest {@code priority} first, then by key, as Compose connects them. */
        public static List<String> byPriority(Map<String, ServiceNetwork> networks) {
            return networks.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<String, ServiceNetwork> e) -> -e.getValue().priority())
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).toList();
        }

        /** True when nothing but aliases is set. */
        public boolean aliasesOnly() {
            return ipv4Address == null && ipv6Address == null && linkLocalIps.isEmpty() && macAddress == null && priority == 0;
        }
    }

    /**
     * {@code pull_policy}. Without one, Capstan never pulls: a missing image is built when the service has
     * {@code build:}, and is an error otherwise.
     */
    public enum PullPolicy {
        DEFAULT, ALWAYS, NEVER, MISSING, BUILD
    }

    /**
     * {@code build:} — the context directory, Dockerfile (relative to the context), build args and target; extra
     * {@code tags} and image {@code labels}; and the builder's options ({@code dockerfile_inline}, {@code cache_from},
     * {@code network}, {@code shm_size}, {@code extra_hosts}).
     */
    public record Build(Path context, String dockerfile, Map<String, String> args, String target, List<String> tags,
                        Map<String, String> labels, ImageBuild.Options options) {
        public Build(Path context, String dockerfile, Map<String, String> args, String target) {
            this(context, dockerfile, args, target, List.of(), Map.of(), ImageBuild.Options.NONE);
        }
    }

    public enum Condition {
        SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY
    }

    /**
     * A network: {@code name} is the engine's name for it; an external one must exist and is never created.
     * {@code driverOpts} are {@code driver_opts}; {@code ipam} is {@link Ipam#DEFAULT} when the files set none.
     */
    public record Network(String key, String name, String driver, boolean external, boolean internal,
                          Map<String, String> labels, Map<String, String> driverOpts, Ipam ipam, boolean enableIpv6,
                          boolean attachable) {

        /** The network a service without {@code networks:} joins, when the files do not declare it. */
        static Network implicitDefault(String project) {
            return new Network("default", project + "_default", "bridge", false, false, Map.of(), Map.of(), Ipam.DEFAULT,
                    false, false);
        }
    }

    /** A named volume: {@code name} is the engine's name; an external one must exist and is never created. */
    public record Volume(String key, String name, String driver, boolean external, Map<String, String> labels,
                         Map<String, String> driverOpts) {
    }
}
