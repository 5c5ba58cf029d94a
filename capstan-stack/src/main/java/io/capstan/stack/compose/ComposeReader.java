package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.resource.Durations;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.ContainerSettings;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.stack.compose.ComposeProject.Build;
import io.capstan.stack.compose.ComposeProject.Condition;
import io.capstan.stack.compose.ComposeProject.Network;
import io.capstan.stack.compose.ComposeProject.Service;
import io.capstan.stack.compose.ComposeProject.Volume;
import io.capstan.stack.config.DotEnv;
import io.capstan.stack.config.Location;
import io.capstan.stack.config.Values;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Reads the merged compose tree into a {@link ComposeProject}, checking every value it uses. */
final class ComposeReader {
    private static final Set<String> TOP_LEVEL = Set.of("name", "services", "networks", "volumes", "version", "secrets",
            "configs");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "container_name", "command", "entrypoint",
            "environment", "env_file", "ports", "expose", "volumes", "networks", "depends_on", "healthcheck", "restart",
            "labels", "user", "working_dir", "hostname", "extra_hosts", "mem_limit", "cpus", "deploy", "network_mode",
            "mac_address", "profiles", "secrets", "configs", "post_start", "pre_stop");
    /** Every container of a stack can reach the host under these names, as with Docker Desktop and Podman. */
    static final List<String> HOST_ALIASES = List.of("host.docker.internal", "host.containers.internal");

    private final Map<String, Object> root;
    private final Map<String, Location> locations;
    private final ComposeValues values;
    private NetworkReader networkReader;
    private final MountReader mountReader;
    private final DeployReader deployReader;
    private final HooksReader hooksReader;
    private final BuildReader buildReader;
    private final Path projectDir;
    private final Map<String, String> environment;
    private final Predicate<String> isSecret;
    private final List<String> warnings = new ArrayList<>();
    /** Unsupported service keys and the services that use them: one warning per key, however many use it. */
    private final Map<String, List<String>> unsupported = new LinkedHashMap<>();
    private Set<String> serviceNames = Set.of();
    private final FileSourcesReader files;
    private Map<String, FileSource> secrets = Map.of();
    private Map<String, FileSource> configs = Map.of();

    /** @param isSecret names of variables whose values are shown as {@code ${VAR}} rather than taken */
    ComposeReader(Map<String, Object> root, Map<String, Location> locations, Path projectDir, Map<String, String> environment,
                  Predicate<String> isSecret) {
        this.root = root;
        this.locations = locations;
        this.values = new ComposeValues(locations);
        this.projectDir = projectDir;
        this.environment = environment;
        this.isSecret = isSecret;
        this.mountReader = new MountReader(values, projectDir, warnings);
        this.deployReader = new DeployReader(values, warnings);
        this.hooksReader = new HooksReader(values, warnings);
        this.buildReader = new BuildReader(values, projectDir, environment, isSecret, warnings);
        this.files = new FileSourcesReader(root, projectDir, environment, this::where, warnings::add);
    }

    ComposeProject read(String fallbackName, List<String> earlierWarnings) {
        warnings.addAll(earlierWarnings);
        root.keySet().stream().filter(k -> !TOP_LEVEL.contains(k) && !k.startsWith("x-"))
                .forEach(k -> warnings.add(where(k) + "top-level key '" + k + "' is not supported and is ignored"));
        String name = projectName(root.get("name") instanceof String s ? s : fallbackName);
        Map<String, Object> serviceMaps = mapping(root.get("services"), "services");
        if (serviceMaps.isEmpty()) {
            throw new ConfigException(where("services") + "the compose files define no services");
        }
        serviceNames = serviceMaps.keySet();
        networkReader = new NetworkReader(values, serviceMaps.keySet(), warnings);
        Map<String, Volume> volumes = new VolumeReader(values, projectDir, warnings).volumes(root.get("volumes"), name);
        Map<String, Network> networks = networkReader.networks(root.get("networks"), name);
        secrets = files.sources(FileSource.Kind.SECRET);
        configs = files.sources(FileSource.Kind.CONFIG);
        Map<String, Service> services = new LinkedHashMap<>();
        serviceMaps.forEach((serviceName, definition) -> services.put(serviceName,
                service(name, serviceName, mapping(definition, "services." + serviceName), volumes, networks)));
        unsupported.forEach((key, users) -> warnings.add(unsupportedWarning(key, users)));
        deployReader.warnSwarmOnly();
        SharedNamespaces.check(services, this::where);
        services.values().forEach(s -> s.dependsOn().keySet().forEach(dependency -> {
            if (!services.containsKey(dependency)) {
                throw new ConfigException(where("services." + s.name() + ".depends_on") + "service '" + s.name()
                        + "' depends on '" + dependency + "', which is not a service of this stack");
            }
        }));
        return new ComposeProject(name, projectDir, services, networks, volumes, secrets, configs, List.copyOf(warnings));
    }

    private String unsupportedWarning(String key, List<String> users) {
        String first = where("services." + users.getFirst() + "." + key);
        String services = users.size() == 1 ? "service '" + users.getFirst() + "'"
                : "services " + String.join(", ", users.stream().map(u -> "'" + u + "'").toList());
        return first + services + ": key '" + key + "' " + (ContainerSettingsReader.WINDOWS_ONLY.contains(key)
                ? "applies to Windows containers only and is ignored on a Linux engine" : "is not supported and is ignored");
    }

    /** Compose's rule: lower case letters, digits, '-' and '_', starting with a letter or digit. */
    static String projectName(String raw) {
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        name = name.replaceFirst("^[_-]+", "");
        if (name.isEmpty()) {
            throw new ConfigException("project name '" + raw + "' has no letters or digits: set 'name:' in the root compose file");
        }
        return name;
    }

    private Service service(String project, String name, Map<String, Object> s, Map<String, Volume> volumes,
                            Map<String, Network> networks) {
        String at = "services." + name;
        s.keySet().stream().filter(k -> !SERVICE_KEYS.contains(k) && !ContainerSettingsReader.KEYS.contains(k)
                && !k.startsWith("x-")).forEach(k -> unsupported.computeIfAbsent(k, key -> new ArrayList<>()).add(name));
        ServiceRefusals.check(name, s, at, this::where);
        ContainerSettingsReader settings = new ContainerSettingsReader(s, at, this::where);
        if (s.containsKey("expose")) {
            List<?> expose = list(s.get("expose"), at + ".expose");
            for (int i = 0; i < expose.size(); i++) {
                String entryAt = at + ".expose[" + i + "]";
                String entry = scalarText(expose.get(i), entryAt);
                parse(entryAt, () -> ExposeRanges.check(entry));
            }
        }
        Build build = buildReader.build(s.get("build"), at + ".build");
        String image = string(s.get("image"), at + ".image", null);
        if (image == null && build == null) {
            throw new ConfigException(where(at) + "service '" + name + "' has neither image nor build");
        }
        if (image == null) {
            image = project + "-" + name;
        }
        Map<String, String> labels = stringMap(s.get("labels"), at + ".labels");
        NetworkReader.Networking networking = networkReader.service(name, s, networks, project);
        // a container in another's network stack gets that one's /etc/hosts: the engine refuses extra hosts there
        List<String> extraHosts = networking.sharesStack() ? List.of() : extraHosts(s.get("extra_hosts"), at + ".extra_hosts");
        Map<String, Condition> dependsOn = dependsOn(s.get("depends_on"), at + ".depends_on");
        ContainerSettings containerSettings = settings.read();
        SharedNamespaces.joined(networking.networkService(), containerSettings)
                .forEach(joined -> dependsOn.putIfAbsent(joined, Condition.SERVICE_STARTED));
        Map<PortMapping, PortLabel> portLabels = new LinkedHashMap<>();
        List<FileMount> mounted = new ArrayList<>(files.mounts(FileSource.Kind.SECRET, name, s.get("secrets"), at + ".secrets", secrets));
        mounted.addAll(files.mounts(FileSource.Kind.CONFIG, name, s.get("configs"), at + ".configs", configs));
        return new Service(name, image, build, string(s.get("container_name"), at + ".container_name", null),
                commandLine(s.get("command"), at + ".command"), commandLine(s.get("entrypoint"), at + ".entrypoint"),
                environment(s, at), ports(s.get("ports"), at + ".ports", portLabels), mountReader.mounts(s.get("volumes"), at + ".volumes", volumes),
                networking.networks(), dependsOn, healthCheck(s.get("healthcheck"), at + ".healthcheck"),
                deployReader.restart(name, s, at),
                labels, string(s.get("user"), at + ".user", null), string(s.get("working_dir"), at + ".working_dir", null),
                string(s.get("hostname"), at + ".hostname", null), extraHosts, resources(s, at), replicas(s, at),
                locations.getOrDefault(at, new Location("compose", 0)).toString(), containerSettings, settings.pullPolicy(),
                list(s.get("profiles"), at + ".profiles").stream().map(String::valueOf).toList(),
                networking.networkMode(), networking.macAddress(), mounted, hooksReader.read(s, at), portLabels);
    }

    private Map<String, String> environment(Map<String, Object> s, String at) {
        Map<String, String> env = new LinkedHashMap<>();
        Object files = s.get("env_file");
        if (files != null) {
            for (Object entry : files instanceof List<?> l ? l : List.of(files)) {
                boolean required = !(entry instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("required"));
                String relative = entry instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : String.valueOf(entry);
                Path file = projectDir.resolve(relative).normalize();
                if (Files.isRegularFile(file)) {
                    DotEnv.read(file, relative).forEach((key, value) -> env.put(key, isSecret.test(key) ? "${" + key + "}" : value));
                } else if (required) {
                    throw new ConfigException(where(at + ".env_file") + "env_file '" + relative + "' not found (looked at " + file + ")");
                }
            }
        }
        ComposeMerge.keyed(s.get("environment"), "=").forEach((key, value) -> {
            if (value != null) {
                env.put(key, scalarText(value, at + ".environment." + key));
            } else if (environment.containsKey(key)) {
                env.put(key, isSecret.test(key) ? "${" + key + "}" : environment.get(key));
            }
        });
        return env;
    }

    /** @param labels receives the {@code name} and {@code app_protocol} of the long-syntax ports that set them */
    private List<PortMapping> ports(Object value, String at, Map<PortMapping, PortLabel> labels) {
        List<PortMapping> ports = new ArrayList<>();
        List<?> entries = list(value, at);
        for (int i = 0; i < entries.size(); i++) {
            String entryAt = at + "[" + i + "]";
            Object entry = entries.get(i);
            if (entry instanceof Map<?, ?> m) {
                Map<String, Object> p = Values.asMap(m);
                int target = integer(p.get("target"), entryAt + ".target");
                String published = string(p.get("published"), entryAt + ".published", "");
                PortRanges.checkMode(string(p.get("mode"), entryAt + ".mode", "ingress"), where(entryAt + ".mode"));
                PortMapping port = parse(entryAt, () -> PortRanges.longSyntax(target, string(p.get("protocol"), entryAt, "tcp"),
                        string(p.get("host_ip"), entryAt, ""), published));
                ports.add(port);
                String portName = string(p.get("name"), entryAt + ".name", null);
                String appProtocol = string(p.get("app_protocol"), entryAt + ".app_protocol", null);
                if (portName != null || appProtocol != null) {
                    labels.put(port, new PortLabel(portName, appProtocol));
                }
            } else {
                ports.addAll(parse(entryAt, () -> PortRanges.expand(scalarText(entry, entryAt))));
            }
        }
        return ports;
    }

    private Map<String, Condition> dependsOn(Object value, String at) {
        Map<String, Condition> result = new LinkedHashMap<>();
        ComposeMerge.keyed(value, null).forEach((service, settings) -> {
            Map<String, Object> s = settings == null ? Map.of() : mapping(settings, at + "." + service);
            boolean required = !s.containsKey("required") || bool(s.get("required"), at + "." + service + ".required");
            if (!required && !serviceNames.contains(service)) {
                String owner = at.substring("services.".length(), at.length() - ".depends_on".length());
                warnings.add(where(at + "." + service) + "service '" + owner + "' depends on '" + service + "', which is "
                        + "not a service of this stack: ignored, as it is marked required: false");
                return;
            }
            if (bool(s.get("restart"), at + "." + service + ".restart")) {
                warnings.add(where(at + "." + service + ".restart") + "depends_on '" + service + "' restart: true is "
                        + "accepted but not acted on: recreating '" + service + "' does not restart its dependents");
            }
            String condition = string(s.get("condition"), at + "." + service + ".condition", "service_started");
            try {
                result.put(service, Condition.valueOf(condition.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where(at + "." + service + ".condition") + "depends_on condition '" + condition
                        + "' is not one of service_started, service_healthy, service_completed_successfully");
            }
        });
        return result;
    }

    private HealthCheck healthCheck(Object value, String at) {
        if (value == null) {
            return null;
        }
        Map<String, Object> h = mapping(value, at);
        if (bool(h.get("disable"), at + ".disable")) {
            return new HealthCheck(List.of("NONE"), null, null, 0, null);
        }
        Object test = h.get("test");
        // without a test the image's own test runs, with these timings (as in Compose)
        List<String> command = test instanceof String shell ? List.of("CMD-SHELL", shell)
                : list(test, at + ".test").stream().map(String::valueOf).toList();
        HealthCheck check = new HealthCheck(command, duration(h.get("interval"), at + ".interval"),
                duration(h.get("timeout"), at + ".timeout"), h.get("retries") == null ? 0 : integer(h.get("retries"), at + ".retries"),
                duration(h.get("start_period"), at + ".start_period"), duration(h.get("start_interval"), at + ".start_interval"));
        return check.equals(new HealthCheck(List.of(), null, null, 0, null)) ? null : check;
    }

    private List<String> extraHosts(Object value, String at) {
        List<String> hosts = new ArrayList<>();
        ComposeMerge.keyed(value, ":").forEach((host, ip) -> {
            if (ip == null) {
                throw new ConfigException(where(at) + "extra_hosts entry '" + host + "' needs an address: HOST:IP or HOST:host-gateway");
            }
            hosts.add(host + ":" + ip);
        });
        for (String alias : HOST_ALIASES) {
            if (hosts.stream().noneMatch(h -> h.startsWith(alias + ":"))) {
                hosts.add(alias + ":host-gateway");
            }
        }
        return hosts;
    }

    private Resources resources(Map<String, Object> s, String at) {
        Object limits = Values.at(s, "deploy", "resources", "limits");
        Map<String, Object> l = limits == null ? Map.of() : mapping(limits, at + ".deploy.resources.limits");
        Object cpus = l.getOrDefault("cpus", s.get("cpus"));
        Object memory = l.getOrDefault("memory", s.get("mem_limit"));
        String cpuAt = l.containsKey("cpus") ? at + ".deploy.resources.limits.cpus" : at + ".cpus";
        String memAt = l.containsKey("memory") ? at + ".deploy.resources.limits.memory" : at + ".mem_limit";
        long nanos = cpus == null ? 0 : parse(cpuAt, () -> ResourceQuantities.parseCpu(String.valueOf(cpus)));
        long bytes = memory == null ? 0 : parse(memAt, () -> ResourceQuantities.parseMemory(String.valueOf(memory)));
        return new Resources(nanos, bytes);
    }

    private int replicas(Map<String, Object> s, String at) {
        Object replicas = Values.at(s, "deploy", "replicas");
        if (replicas == null) {
            return 1;
        }
        int n = integer(replicas, at + ".deploy.replicas");
        if (n < 0) {
            throw new ConfigException(where(at + ".deploy.replicas") + "replicas cannot be negative");
        }
        return n;
    }

    /** A command as a list, or a string split the way a shell splits words (no variables, no globs). */
    private List<String> commandLine(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (value instanceof String line) {
            return parse(at, () -> ShellWords.split(line));
        }
        return list(value, at).stream().map(v -> scalarText(v, at)).toList();
    }

    // ---- typed access with file:line errors (ComposeValues) ----------------------------------------------------

    private <T> T parse(String at, java.util.function.Supplier<T> parser) {
        return values.parse(at, parser);
    }

    private Map<String, Object> mapping(Object value, String at) {
        return values.mapping(value, at);
    }

    private List<?> list(Object value, String at) {
        return values.list(value, at);
    }

    private Map<String, String> stringMap(Object value, String at) {
        return values.stringMap(value, at);
    }

    private String string(Object value, String at, String fallback) {
        return values.string(value, at, fallback);
    }

    private String scalarText(Object value, String at) {
        return values.scalarText(value, at);
    }

    private int integer(Object value, String at) {
        return values.integer(value, at);
    }

    private boolean bool(Object value, String at) {
        return values.bool(value, at);
    }

    private Duration duration(Object value, String at) {
        return value == null ? null : parse(at, () -> Durations.parse(scalarText(value, at)));
    }

    private String where(String path) {
        return values.where(path);
    }
}
