package io.capstan.stack.run;

import io.capstan.core.hash.ConfigHash;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSettings;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.ContainerSettingsConfig;
import io.capstan.stack.compose.FileSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns a compose service into the container specs of its replicas, each labelled with the stack, service,
 * replica and a hash of its effective configuration (per part, so a change can be named).
 */
public final class ServiceSpecs {
    private final ComposeProject project;
    private final Map<String, String> originLabels;

    public ServiceSpecs(ComposeProject project) {
        this(project, Map.of());
    }

    /** @param originLabels labels saying where the stack came from, such as its config file: not part of the hash */
    public ServiceSpecs(ComposeProject project, Map<String, String> originLabels) {
        this.project = project;
        this.originLabels = originLabels;
    }

    /** The container's name: {@code container_name} when set (one replica), else {@code <project>-<service>-<n>}. */
    public String containerName(ComposeProject.Service service, int replica) {
        if (service.containerName() != null && service.replicas() <= 1) {
            return service.containerName();
        }
        return project.name() + "-" + service.name() + "-" + replica;
    }

    /**
     * @param replica   1-based replica number
     * @param imageId   the id of the image the container will run, part of the hash so a rebuilt image recreates
     */
    public ContainerSpec spec(ComposeProject.Service service, int replica, String imageId) {
        ContainerSpec.Builder b = ContainerSpec.builder(service.image())
                .name(containerName(service, replica))
                .command(service.command() == null ? List.of() : service.command())
                .entrypoint(service.entrypoint() == null ? List.of() : service.entrypoint())
                .env(service.environment())
                .resources(service.resources())
                .restart(service.restart())
                .healthCheck(service.healthCheck())
                .user(service.user())
                .workingDir(service.workingDir())
                .hostname(service.hostname())
                .settings(namespaces(service.settings()));
        service.ports().forEach(b::port);
        service.mounts().forEach(b::mount);
        service.files().forEach(f -> b.mount(new Mount(Mount.Type.BIND, f.hostFile().toString(), f.containerPath(), true)));
        service.extraHosts().forEach(b::extraHost);
        for (String key : service.networksByPriority()) {
            ComposeProject.ServiceNetwork settings = service.networks().get(key);
            List<String> names = new ArrayList<>(settings.aliases());
            names.addFirst(service.name()); // other services reach it by its service name, as in compose
            b.network(new NetworkAttachment(project.networks().get(key).name(), names, settings.ipv4Address(),
                    settings.ipv6Address(), settings.linkLocalIps()));
        }
        b.networkMode(networkMode(service));
        b.macAddress(service.macAddress() != null ? service.macAddress() : service.networksByPriority().stream()
                .findFirst().map(primary -> service.networks().get(primary).macAddress()).orElse(null));
        b.labels(service.labels());
        Map<String, String> parts = parts(service, imageId);
        b.labels(StackLabels.forService(project.name(), service.name(), replica));
        b.labels(originLabels);
        b.label(Labels.CONFIG_HASH, ConfigHash.of(String.join(",", parts.values()), 16));
        b.label(StackLabels.CONFIG_KEYS, encode(parts));
        return b.build();
    }

    /** {@code service:NAME} joins the network stack of that service's first container, as Compose does. */
    private String networkMode(ComposeProject.Service service) {
        String shared = service.networkService();
        return shared == null ? service.networkMode() : "container:" + containerName(project.services().get(shared), 1);
    }

    /** {@code pid: service:NAME} and {@code ipc: service:NAME} join that service's first container. */
    private ContainerSettings namespaces(ContainerSettings settings) {
        ContainerSettings.Process p = settings.process();
        String pid = joined(p.pid());
        String ipc = joined(p.ipc());
        if (Objects.equals(pid, p.pid()) && Objects.equals(ipc, p.ipc())) {
            return settings;
        }
        return new ContainerSettings(settings.security(), settings.limits(), new ContainerSettings.Process(p.init(),
                p.stopSignal(), p.stopGracePeriod(), p.tty(), p.stdinOpen(), pid, ipc, p.runtime(), p.sysctls(), p.tmpfs()),
                settings.dns(), settings.logging(), settings.annotations(), settings.platform());
    }

    private String joined(String mode) {
        return mode != null && mode.startsWith("service:")
                ? "container:" + containerName(project.services().get(mode.substring("service:".length())), 1) : mode;
    }

        /** One short hash per part of the configuration that, when it changes, means the container is recreated. */
    static Map<String, String> parts(ComposeProject.Service s, String imageId) {
        Map<String, Object> parts = new TreeMap<>();
        parts.put("image", s.image() + "@" + imageId);
        parts.put("command", s.command());
        parts.put("entrypoint", s.entrypoint());
        parts.put("environment", new TreeMap<>(s.environment()));
        parts.put("ports", s.ports());
        parts.put("volumes", s.mounts().stream().map(ServiceSpecs::mountPart).toList());
        parts.put("networks", networksPart(s));
        // without start_interval, the text hashed is what it was before start_interval existed: nothing is recreated
        parts.put("healthcheck", String.valueOf(s.healthCheck()).replace(", startInterval=null]", "]"));
        parts.put("restart", s.restart());
        parts.put("labels", new TreeMap<>(s.labels()));
        parts.put("user", s.user());
        parts.put("working_dir", s.workingDir());
        parts.put("hostname", s.hostname());
        parts.put("extra_hosts", s.extraHosts());
        parts.put("resources", s.resources());
        parts.put("container_name", s.containerName());
        // Only keys that set something: containers made before these keys were read keep their hash.
        parts.putAll(ContainerSettingsConfig.of(s.settings()));
        if (s.networkMode() != null) {
            parts.put("network_mode", s.networkMode());
        }
        if (s.macAddress() != null) {
            parts.put("mac_address", s.macAddress());
        }
        if (!s.hooks().postStart().isEmpty()) {
            parts.put("post_start", s.hooks().postStart());
        }
        if (!s.hooks().preStop().isEmpty()) {
            parts.put("pre_stop", s.hooks().preStop());
        }
        // The content's hash too: a changed secret file recreates the containers that read it.
        for (FileSource.Kind kind : FileSource.Kind.values()) {
            List<String> mounted = s.files().stream().filter(f -> f.kind() == kind).map(f -> f.containerPath() + "="
                    + f.hostFile() + "@" + f.contentHash() + "/" + f.uid() + ":" + f.gid() + ":" + f.mode()).toList();
            if (!mounted.isEmpty()) {
                parts.put(kind.key(), mounted);
            }
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        parts.forEach((k, v) -> hashes.put(k, ConfigHash.of(String.valueOf(v), 8)));
        return hashes;
    }

    /** A mount without options hashes as it did before mounts had options. */
    private static String mountPart(Mount m) {
        String plain = "Mount[type=" + m.type() + ", source=" + m.source() + ", target=" + m.target() + ", readOnly="
                + m.readOnly();
        return m.options().equals(Mount.Options.NONE) ? plain + "]" : plain + ", options=" + m.options() + "]";
    }

    /** Networks with only aliases hash as they did before addresses could be set. */
    private static Map<String, Object> networksPart(ComposeProject.Service s) {
        Map<String, Object> networks = new LinkedHashMap<>();
        s.networks().forEach((key, settings) -> networks.put(key, settings.aliasesOnly() ? settings.aliases() : settings));
        return networks;
    }

    static String encode(Map<String, String> parts) {
        StringBuilder text = new StringBuilder();
        parts.forEach((k, v) -> text.append(text.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return text.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String entry : text.split(",")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    parts.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        }
        return parts;
    }
}
