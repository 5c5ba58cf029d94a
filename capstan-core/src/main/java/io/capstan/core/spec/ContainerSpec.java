package io.capstan.core.spec;

import io.capstan.core.error.InvalidSpecException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to create one container. Build one with {@link #builder(String)}.
 *
 * @param image       image reference, such as {@code capstan-busybox:test}
 * @param name        container name, or null to let the engine choose
 * @param command     arguments replacing the image's CMD (empty: keep the image's)
 * @param entrypoint  replaces the image's ENTRYPOINT (empty: keep the image's)
 * @param env         environment variables, in order
 * @param ports       published ports
 * @param labels      labels; Capstan's ownership labels go here
 * @param resources   CPU and memory limits
 * @param restart     restart policy
 * @param networks    networks to join; the first is the primary one (empty: the engine's default)
 * @param mounts      binds, volumes and tmpfs mounts
 * @param healthCheck healthcheck, or null to keep the image's
 * @param user        user (and group) to run as, or null
 * @param workingDir  working directory, or null
 * @param hostname    hostname, or null
 * @param extraHosts  {@code host:ip} entries added to /etc/hosts ({@code host-gateway} is the host)
 * @param autoRemove  the engine removes the container when it exits (no restart policy then)
 * @param settings    privileges, limits, process, DNS and logging settings ({@link ContainerSettings#DEFAULTS}: none)
 * @param networkMode {@code host}, {@code none}, {@code bridge}, {@code container:NAME} or a network's name
 *                    instead of {@code networks}; null: the networks decide
 * @param macAddress  the MAC address on the primary network, or null for a generated one
 * @param stdinOnce   its standard input (kept open: {@link ContainerSettings.Process#stdinOpen()}) ends when the
 *                    first client attached to it ends its input, as with {@code docker run -i}
 */
public record ContainerSpec(
        String image,
        String name,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> env,
        List<PortMapping> ports,
        Map<String, String> labels,
        Resources resources,
        RestartPolicy restart,
        List<NetworkAttachment> networks,
        List<Mount> mounts,
        HealthCheck healthCheck,
        String user,
        String workingDir,
        String hostname,
        List<String> extraHosts,
        boolean autoRemove,
        ContainerSettings settings,
        String networkMode,
        String macAddress,
        boolean stdinOnce) {

    public ContainerSpec {
        if (image == null || image.isBlank()) {
            throw new InvalidSpecException("a container needs an image");
        }
        if (name != null && !name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
            throw new InvalidSpecException("invalid container name '" + name
                    + "': use at least two of letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        command = List.copyOf(command);
        entrypoint = List.copyOf(entrypoint);
        env = unmodifiableOrdered(env);
        ports = List.copyOf(ports);
        labels = unmodifiableOrdered(labels);
        resources = Objects.requireNonNullElse(resources, Resources.UNLIMITED);
        restart = Objects.requireNonNullElse(restart, RestartPolicy.NO);
        networks = List.copyOf(networks);
        mounts = List.copyOf(mounts);
        extraHosts = List.copyOf(extraHosts);
        settings = Objects.requireNonNullElse(settings, ContainerSettings.DEFAULTS);
        if (networkMode != null && !networks.isEmpty()) {
            throw new InvalidSpecException("a container with network mode '" + networkMode
                    + "' cannot join other networks: drop the networks or the network mode");
        }
        if (autoRemove && restart.mode() != RestartPolicy.Mode.NO) {
            throw new InvalidSpecException("a container removed when it exits cannot have a restart policy ('"
                    + restart.engineName() + "'): drop one of them");
        }
    }

    private static Map<String, String> unmodifiableOrdered(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** A mutable builder; every setter returns the builder. */
    public static final class Builder {
        private final String image;
        private String name;
        private List<String> command = List.of();
        private List<String> entrypoint = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<PortMapping> ports = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Resources resources = Resources.UNLIMITED;
        private RestartPolicy restart = RestartPolicy.NO;
        private final List<NetworkAttachment> networks = new ArrayList<>();
        private final List<Mount> mounts = new ArrayList<>();
        private HealthCheck healthCheck;
        private String user;
        private String workingDir;
        private String hostname;
        private final List<String> extraHosts = new ArrayList<>();
        private boolean autoRemove;
        private ContainerSettings settings = ContainerSettings.DEFAULTS;
        private String networkMode;
        private String macAddress;
        private boolean stdinOnce;

        private Builder(String image) {
            this.image = image;
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder command(List<String> command) { this.command = List.copyOf(command); return this; }
        public Builder command(String... command) { return command(List.of(command)); }
        public Builder entrypoint(List<String> entrypoint) { this.entrypoint = List.copyOf(entrypoint); return this; }
        public Builder env(String key, String value) { env.put(key, value); return this; }
        public Builder env(Map<String, String> values) { env.putAll(values); return this; }
        public Builder port(PortMapping port) { ports.add(port); return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder labels(Map<String, String> values) { labels.putAll(values); return this; }
        public Builder resources(Resources resources) { this.resources = resources; return this; }
        public Builder restart(RestartPolicy restart) { this.restart = restart; return this; }
        public Builder network(NetworkAttachment network) { networks.add(network); return this; }
        public Builder network(String network) { return network(NetworkAttachment.of(network)); }
        public Builder mount(Mount mount) { mounts.add(mount); return this; }
        public Builder healthCheck(HealthCheck healthCheck) { this.healthCheck = healthCheck; return this; }
        public Builder user(String user) { this.user = user; return this; }
        public Builder workingDir(String workingDir) { this.workingDir = workingDir; return this; }
        public Builder hostname(String hostname) { this.hostname = hostname; return this; }
        public Builder extraHost(String entry) { extraHosts.add(entry); return this; }
        public Builder autoRemove(boolean autoRemove) { this.autoRemove = autoRemove; return this; }
        public Builder settings(ContainerSettings settings) { this.settings = settings; return this; }
        /**
         * For a container run attached ({@code docker run -i -t}): with {@code stdin} its input is kept open for the
         * attached client and ends when that client's input ends; with {@code tty} it gets a terminal.
         */
        public Builder interactive(boolean stdin, boolean tty) {
            settings = settings.withProcess(settings.process().withStdio(tty, stdin));
            stdinOnce = stdin;
            return this;
        }
        public Builder networkMode(String networkMode) { this.networkMode = networkMode; return this; }
        public Builder macAddress(String macAddress) { this.macAddress = macAddress; return this; }

        public ContainerSpec build() {
            return new ContainerSpec(image, name, command, entrypoint, env, ports, labels, resources, restart,
                    networks, mounts, healthCheck, user, workingDir, hostname, extraHosts, autoRemove, settings,
                    networkMode, macAddress, stdinOnce);
        }
    }
}
