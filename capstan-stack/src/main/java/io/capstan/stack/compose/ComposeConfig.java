package io.capstan.stack.compose;

import io.capstan.core.resource.Durations;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.RestartPolicy;
import io.capstan.stack.compose.ComposeProject.Build;
import io.capstan.stack.compose.ComposeProject.Service;
import io.capstan.stack.compose.ComposeProject.Volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved compose model in the shape {@code docker compose config} prints: what Capstan runs, with variables
 * substituted, files merged, paths absolute, short forms written out long ({@code ports}, {@code volumes},
 * {@code depends_on}), services and their keys in alphabetical order. A key is left out when the files leave it to
 * the default, except what Capstan itself adds to every service ({@code extra_hosts} for the host's aliases).
 */
public final class ComposeConfig {
    private ComposeConfig() {
    }

    public static Map<String, Object> of(ComposeProject project) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", project.name());
        Map<String, Object> services = new TreeMap<>();
        project.services().values().forEach(s -> services.put(s.name(), service(s, project)));
        model.put("services", services);
        if (!project.networks().isEmpty()) {
            Map<String, Object> networks = new TreeMap<>();
            project.networks().values().forEach(n -> networks.put(n.key(), NetworkConfig.network(n)));
            model.put("networks", networks);
        }
        if (!project.volumes().isEmpty()) {
            Map<String, Object> volumes = new TreeMap<>();
            project.volumes().values().forEach(v -> volumes.put(v.key(), volume(v)));
            model.put("volumes", volumes);
        }
        FileSourcesConfig.putTopLevel(model, project);
        return model;
    }

    private static Map<String, Object> service(Service s, ComposeProject project) {
        Map<String, Object> out = new TreeMap<>();
        putIfPresent(out, "build", s.build() == null ? null : build(s.build()));
        putIfPresent(out, "command", s.command());
        putIfPresent(out, "container_name", s.containerName());
        if (!s.dependsOn().isEmpty()) {
            Map<String, Object> dependsOn = new LinkedHashMap<>();
            s.dependsOn().forEach((service, condition) ->
                    dependsOn.put(service, Map.of("condition", condition.name().toLowerCase(Locale.ROOT))));
            out.put("depends_on", dependsOn);
        }
        if (s.replicas() != 1 || !s.resources().isUnlimited()) {
            out.put("deploy", deploy(s));
        }
        putIfPresent(out, "entrypoint", s.entrypoint());
        putIfPresent(out, "environment", s.environment().isEmpty() ? null : new TreeMap<>(s.environment()));
        out.put("extra_hosts", s.extraHosts());
        putIfPresent(out, "healthcheck", s.healthCheck() == null ? null : healthCheck(s.healthCheck()));
        putIfPresent(out, "hostname", s.hostname());
        out.put("image", s.image());
        putIfPresent(out, "labels", s.labels().isEmpty() ? null : new TreeMap<>(s.labels()));
        putIfPresent(out, "mac_address", s.macAddress());
        putIfPresent(out, "network_mode", s.networkMode());
        if (s.networkMode() == null) {
            Map<String, Object> networks = new TreeMap<>();
            s.networks().forEach((key, settings) -> networks.put(key, NetworkConfig.serviceNetwork(settings)));
            out.put("networks", networks);
        }
        putIfPresent(out, "ports", s.ports().isEmpty() ? null : s.ports().stream().map(p -> port(p, s.portLabels().get(p))).toList());
        putIfPresent(out, "post_start", s.hooks().postStart().isEmpty() ? null : s.hooks().postStart().stream().map(Hook::config).toList());
        putIfPresent(out, "pre_stop", s.hooks().preStop().isEmpty() ? null : s.hooks().preStop().stream().map(Hook::config).toList());
        putIfPresent(out, "profiles", s.profiles().isEmpty() ? null : s.profiles());
        if (s.restart().mode() != RestartPolicy.Mode.NO) {
            out.put("restart", s.restart().engineName() + (s.restart().maxRetries() > 0 ? ":" + s.restart().maxRetries() : ""));
        }
        putIfPresent(out, "user", s.user());
        putIfPresent(out, "volumes", s.mounts().isEmpty() ? null : s.mounts().stream().map(m -> mount(m, project)).toList());
        putIfPresent(out, "working_dir", s.workingDir());
        out.putAll(ContainerSettingsConfig.of(s.settings()));
        FileSourcesConfig.putService(out, s.files());
        if (s.pullPolicy() != ComposeProject.PullPolicy.DEFAULT) {
            out.put("pull_policy", s.pullPolicy().name().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static Map<String, Object> build(Build build) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("context", build.context().toString());
        var o = build.options();
        if (o.dockerfileContent() == null) {
            out.put("dockerfile", build.dockerfile());
        }
        putIfPresent(out, "dockerfile_inline", o.dockerfileContent());
        putIfPresent(out, "args", build.args().isEmpty() ? null : new TreeMap<>(build.args()));
        putIfPresent(out, "target", build.target());
        putIfPresent(out, "tags", build.tags().isEmpty() ? null : build.tags());
        putIfPresent(out, "labels", build.labels().isEmpty() ? null : new TreeMap<>(build.labels()));
        putIfPresent(out, "cache_from", o.cacheFrom().isEmpty() ? null : o.cacheFrom());
        putIfPresent(out, "network", o.network());
        putIfPresent(out, "shm_size", o.shmSize());
        putIfPresent(out, "extra_hosts", o.extraHosts().isEmpty() ? null : o.extraHosts());
        return out;
    }

    private static Map<String, Object> deploy(Service s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replicas", s.replicas());
        if (!s.resources().isUnlimited()) {
            Map<String, Object> limits = new LinkedHashMap<>();
            if (s.resources().nanoCpus() > 0) {
                limits.put("cpus", s.resources().nanoCpus() / 1e9);
            }
            if (s.resources().memoryBytes() > 0) {
                limits.put("memory", s.resources().memoryBytes());
            }
            out.put("resources", Map.of("limits", limits));
        }
        return out;
    }

    private static Map<String, Object> healthCheck(HealthCheck check) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (check.test().equals(List.of("NONE"))) {
            out.put("disable", true);
            return out;
        }
        putIfPresent(out, "test", check.keepsImageTest() ? null : check.test());
        putIfPresent(out, "interval", check.interval() == null ? null : Durations.format(check.interval()));
        putIfPresent(out, "timeout", check.timeout() == null ? null : Durations.format(check.timeout()));
        putIfPresent(out, "retries", check.retries() == 0 ? null : check.retries());
        putIfPresent(out, "start_period", check.startPeriod() == null ? null : Durations.format(check.startPeriod()));
        putIfPresent(out, "start_interval", check.startInterval() == null ? null : Durations.format(check.startInterval()));
        return out;
    }

    private static Map<String, Object> port(PortMapping port, PortLabel label) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", port.containerPort());
        putIfPresent(out, "published", port.hostPort() == 0 ? null
                : port.hostPortEnd() == port.hostPort() ? (Object) port.hostPort() : port.hostPorts());
        putIfPresent(out, "host_ip", port.hostIp().isEmpty() ? null : port.hostIp());
        out.put("protocol", port.protocol());
        if (label != null) {
            putIfPresent(out, "name", label.name());
            putIfPresent(out, "app_protocol", label.appProtocol());
        }
        return out;
    }

    private static Map<String, Object> mount(Mount mount, ComposeProject project) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", mount.type().name().toLowerCase(Locale.ROOT));
        if (mount.type() == Mount.Type.VOLUME) {
            // The model holds the engine's name for the volume; the files name it by its key.
            putIfPresent(out, "source", project.volumes().values().stream().filter(v -> v.name().equals(mount.source()))
                    .map(Volume::key).findFirst().orElse(mount.source().isEmpty() ? null : mount.source()));
        } else if (mount.type() == Mount.Type.BIND) {
            out.put("source", mount.source());
        }
        out.put("target", mount.target());
        if (mount.readOnly()) {
            out.put("read_only", true);
        }
        out.putAll(MountOptionsConfig.of(mount));
        return out;
    }

    private static Map<String, Object> volume(Volume volume) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", volume.name());
        out.put("driver", volume.driver());
        putIfPresent(out, "external", volume.external() ? true : null);
        putIfPresent(out, "labels", volume.labels().isEmpty() ? null : new TreeMap<>(volume.labels()));
        putIfPresent(out, "driver_opts", volume.driverOpts().isEmpty() ? null : new TreeMap<>(volume.driverOpts()));
        return out;
    }

    static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
