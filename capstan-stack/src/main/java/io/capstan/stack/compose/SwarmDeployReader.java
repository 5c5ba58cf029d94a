package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.resource.Durations;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.stack.config.Location;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code deploy:} as Docker's stack converter does, for a Swarm, and says, once per key and service with its
 * file:line, what a Swarm service cannot express or what was translated.
 */
final class SwarmDeployReader {
    private static final Set<String> DEPLOY_KEYS = Set.of("mode", "replicas", "resources", "restart_policy", "placement",
            "update_config", "rollback_config", "endpoint_mode", "labels");
    private static final Set<String> UPDATE_KEYS = Set.of("parallelism", "delay", "failure_action", "monitor", "order");
    /** Service keys with no Swarm service equivalent (besides the container settings below). */
    private static final List<String> NOT_ON_SWARM = List.of("network_mode", "mac_address", "post_start", "pre_stop");
    /** Container settings a Swarm service takes: every other one is warned about. */
    private static final Set<String> SETTINGS_ON_SWARM = Set.of("stop_grace_period", "pull_policy");

    private final ComposeValues values;
    private final List<String> warnings = new ArrayList<>();

    SwarmDeployReader(Map<String, Location> locations) {
        this.values = new ComposeValues(locations);
    }

    SwarmCompose read(ComposeProject project, Map<String, Object> tree) {
        project.warnings().stream().filter(w -> !w.contains("'deploy.") && !w.contains("deploy.restart_policy")
                && !w.contains("max_attempts is ignored")).forEach(warnings::add);
        Map<String, Object> services = values.mapping(tree.get("services"), "services");
        Map<String, SwarmDeploy> deploy = new LinkedHashMap<>();
        for (ComposeProject.Service service : project.services().values()) {
            String at = "services." + service.name();
            Map<String, Object> s = values.mapping(services.get(service.name()), at);
            warnInexpressible(service, s, at);
            deploy.put(service.name(), deploy(service, s, at));
        }
        return new SwarmCompose(project, deploy, List.copyOf(warnings), values::where);
    }

    /** The tree with no service's {@code container_name}, which a Swarm cannot set (the original keeps it, for warnings). */
    static Map<String, Object> withoutContainerNames(Map<String, Object> tree) {
        if (!(tree.get("services") instanceof Map<?, ?> services)) {
            return tree;
        }
        Map<String, Object> copy = new LinkedHashMap<>(tree);
        Map<String, Object> servicesCopy = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service instanceof Map<?, ?> map && map.containsKey("container_name")) {
                Map<String, Object> without = new LinkedHashMap<>(io.capstan.stack.config.Values.asMap(map));
                without.remove("container_name");
                servicesCopy.put(String.valueOf(name), without);
            } else {
                servicesCopy.put(String.valueOf(name), service);
            }
        });
        copy.put("services", servicesCopy);
        return copy;
    }

    private void warn(String at, String service, String text) {
        warnings.add(values.where(at) + "service '" + service + "': " + text);
    }

    private void warnInexpressible(ComposeProject.Service service, Map<String, Object> s, String at) {
        String name = service.name();
        if (s.containsKey("container_name")) {
            warn(at + ".container_name", name, "container_name cannot be set on Swarm (a task's container is named "
                    + "STACK_SERVICE.SLOT.ID) and is ignored");
        }
        service.dependsOn().forEach((dependency, condition) -> {
            if (condition != ComposeProject.Condition.SERVICE_STARTED) {
                warn(at + ".depends_on." + dependency, name, "depends_on condition "
                        + condition.name().toLowerCase(Locale.ROOT) + " of '" + dependency + "' cannot be waited for on "
                        + "Swarm: '" + dependency + "' is created first, and both start on their own");
            }
        });
        if (s.containsKey("mem_limit")) {
            warn(at + ".mem_limit", name, "mem_limit is translated to deploy.resources.limits.memory (Docker's stack "
                    + "deploy refuses it)");
        }
        if (s.containsKey("cpus")) {
            warn(at + ".cpus", name, "cpus is translated to deploy.resources.limits.cpus (Docker's stack deploy refuses it)");
        }
        for (PortMapping port : service.ports()) {
            if (port.hostIp() != null && !port.hostIp().isBlank()) {
                warn(at + ".ports", name, "published port " + port.hostPort() + " is bound to host IP " + port.hostIp()
                        + ", which Swarm cannot do: it is published on every address instead");
            }
        }
        for (String key : NOT_ON_SWARM) {
            if (s.containsKey(key)) {
                warn(at + "." + key, name, key + " cannot be expressed on a Swarm service and is ignored");
            }
        }
        for (String key : s.keySet()) {
            if (ContainerSettingsReader.KEYS.contains(key) && !SETTINGS_ON_SWARM.contains(key)) {
                warn(at + "." + key, name, key + " cannot be expressed on a Swarm service by Capstan and is ignored");
            }
        }
        service.networks().forEach((key, settings) -> {
            if (!settings.aliasesOnly()) {
                warn(at + ".networks." + key, name, "fixed addresses, mac_address and priority on network '" + key
                        + "' cannot be expressed on Swarm and are ignored");
            }
        });
    }

    private SwarmDeploy deploy(ComposeProject.Service service, Map<String, Object> s, String at) {
        String name = service.name();
        String d = at + ".deploy";
        Map<String, Object> deploy = values.mapping(s.get("deploy"), d);
        deploy.keySet().stream().filter(k -> !DEPLOY_KEYS.contains(k) && !k.startsWith("x-"))
                .forEach(k -> warn(d + "." + k, name, "deploy." + k + " is not supported on Swarm by Capstan and is ignored"));
        String mode = values.string(deploy.get("mode"), d + ".mode", "replicated");
        if (!mode.equals("replicated") && !mode.equals("global")) {
            throw new ConfigException(values.where(d + ".mode") + "service '" + name + "': deploy.mode '" + mode
                    + "' is not replicated or global");
        }
        Map<String, Object> resources = values.mapping(deploy.get("resources"), d + ".resources");
        Map<String, Object> limits = values.mapping(resources.get("limits"), d + ".resources.limits");
        if (limits.containsKey("pids")) {
            warn(d + ".resources.limits.pids", name, "deploy.resources.limits.pids is not supported on Swarm by Capstan and is ignored");
        }
        Map<String, Object> reserved = values.mapping(resources.get("reservations"), d + ".resources.reservations");
        reserved.keySet().stream().filter(k -> !k.equals("cpus") && !k.equals("memory")).forEach(k -> warn(
                d + ".resources.reservations." + k, name, "deploy.resources.reservations." + k
                        + " is not supported on Swarm by Capstan and is ignored"));
        long cpus = reserved.get("cpus") == null ? 0 : values.parse(d + ".resources.reservations.cpus",
                () -> ResourceQuantities.parseCpu(String.valueOf(reserved.get("cpus"))));
        long memory = reserved.get("memory") == null ? 0 : values.parse(d + ".resources.reservations.memory",
                () -> ResourceQuantities.parseMemory(String.valueOf(reserved.get("memory"))));
        Map<String, Object> placement = values.mapping(deploy.get("placement"), d + ".placement");
        placement.keySet().stream().filter(k -> !k.equals("constraints")).forEach(k -> warn(d + ".placement." + k, name,
                "deploy.placement." + k + " is not supported on Swarm by Capstan and is ignored"));
        String endpoint = values.string(deploy.get("endpoint_mode"), d + ".endpoint_mode", "vip");
        WorkloadSpec.EndpointMode endpointMode = switch (endpoint) {
            case "vip" -> WorkloadSpec.EndpointMode.VIP;
            case "dnsrr" -> WorkloadSpec.EndpointMode.DNSRR;
            default -> throw new ConfigException(values.where(d + ".endpoint_mode") + "service '" + name
                    + "': endpoint_mode '" + endpoint + "' is not vip or dnsrr");
        };
        return new SwarmDeploy(mode.equals("global"), new Resources(cpus, memory), restart(name, s, deploy, at),
                update(name, deploy.get("update_config"), d + ".update_config"),
                update(name, deploy.get("rollback_config"), d + ".rollback_config"),
                values.strings(placement.get("constraints"), d + ".placement.constraints"), endpointMode,
                values.stringMap(deploy.get("labels"), d + ".labels"), hostModePorts(s, at));
    }

    /** {@code deploy.restart_policy}; without one, {@code restart} translated as Docker's converter does. */
    private WorkloadRestart restart(String name, Map<String, Object> s, Map<String, Object> deploy, String at) {
        String p = at + ".deploy.restart_policy";
        if (deploy.get("restart_policy") != null) {
            if (s.containsKey("restart")) {
                warn(at + ".restart", name, "restart is ignored on Swarm: deploy.restart_policy says when tasks restart");
            }
            Map<String, Object> policy = values.mapping(deploy.get("restart_policy"), p);
            if (policy.containsKey("window")) {
                warn(p + ".window", name, "deploy.restart_policy.window is not supported by Capstan and is ignored");
            }
            int attempts = policy.get("max_attempts") == null ? 0 : values.integer(policy.get("max_attempts"), p + ".max_attempts");
            return values.parse(p, () -> new WorkloadRestart(
                    WorkloadRestart.condition(values.string(policy.get("condition"), p + ".condition", "any")),
                    duration(policy.get("delay"), p + ".delay"), attempts));
        }
        if (!s.containsKey("restart")) {
            return WorkloadRestart.ANY;
        }
        String restart = values.string(s.get("restart"), at + ".restart", "no");
        WorkloadRestart translated;
        if (restart.equals("no")) {
            translated = new WorkloadRestart(WorkloadRestart.Condition.NONE, null, 0);
        } else if (restart.equals("always") || restart.equals("unless-stopped")) {
            translated = WorkloadRestart.ANY;
        } else if (restart.matches("on-failure(:\\d+)?")) {
            int colon = restart.indexOf(':');
            translated = new WorkloadRestart(WorkloadRestart.Condition.ON_FAILURE, null,
                    colon < 0 ? 0 : Integer.parseInt(restart.substring(colon + 1)));
        } else {
            throw new ConfigException(values.where(at + ".restart") + "service '" + name + "': restart '" + restart
                    + "' is not no, always, unless-stopped or on-failure[:N]");
        }
        warn(at + ".restart", name, "restart '" + restart + "' is translated to deploy.restart_policy condition "
                + translated.condition().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (translated.maxAttempts() > 0 ? " with max_attempts " + translated.maxAttempts() : ""));
        return translated;
    }

    private UpdatePolicy update(String name, Object value, String at) {
        if (value == null) {
            return UpdatePolicy.DEFAULT;
        }
        Map<String, Object> u = values.mapping(value, at);
        String key = at.substring(at.lastIndexOf('.') + 1);
        u.keySet().stream().filter(k -> !UPDATE_KEYS.contains(k)).forEach(k -> warn(at + "." + k, name,
                "deploy." + key + "." + k + " is not supported on Swarm by Capstan and is ignored"));
        int parallelism = u.get("parallelism") == null ? 1 : values.integer(u.get("parallelism"), at + ".parallelism");
        String order = values.string(u.get("order"), at + ".order", "stop-first");
        String failure = values.string(u.get("failure_action"), at + ".failure_action", "pause");
        return values.parse(at, () -> new UpdatePolicy(parallelism, duration(u.get("delay"), at + ".delay"),
                switch (order) {
                    case "stop-first" -> UpdatePolicy.Order.STOP_FIRST;
                    case "start-first" -> UpdatePolicy.Order.START_FIRST;
                    default -> throw new ConfigException(values.where(at + ".order") + "order '" + order
                            + "' is not stop-first or start-first");
                },
                switch (failure) {
                    case "pause" -> UpdatePolicy.FailureAction.PAUSE;
                    case "continue" -> UpdatePolicy.FailureAction.CONTINUE;
                    case "rollback" -> UpdatePolicy.FailureAction.ROLLBACK;
                    default -> throw new ConfigException(values.where(at + ".failure_action") + "failure_action '"
                            + failure + "' is not pause, continue or rollback");
                },
                duration(u.get("monitor"), at + ".monitor")));
    }

    private Duration duration(Object value, String at) {
        return value == null ? null : values.parse(at, () -> Durations.parse(String.valueOf(value)));
    }

    private Set<Integer> hostModePorts(Map<String, Object> s, String at) {
        Set<Integer> host = new LinkedHashSet<>();
        List<?> ports = values.list(s.get("ports"), at + ".ports");
        for (Object port : ports) {
            if (port instanceof Map<?, ?> long_ && "host".equals(String.valueOf(long_.get("mode")))) {
                host.add(Integer.parseInt(String.valueOf(long_.get("target"))));
            }
        }
        return host;
    }
}
