package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.RestartPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what {@code deploy:} means on one engine: {@code restart_policy} becomes the container's restart policy,
 * device reservations (GPUs) are refused, and the keys that only a Swarm acts on get one warning each, naming the
 * services that set them. ({@code replicas} and {@code resources} are read where the containers are.)
 */
final class DeployReader {
    private static final Set<String> READ = Set.of("replicas", "resources", "restart_policy", "mode");
    private static final Set<String> SWARM_ONLY = Set.of("placement", "update_config", "rollback_config", "endpoint_mode",
            "labels");
    private static final Set<String> POLICY_KEYS = Set.of("condition", "max_attempts", "delay", "window");

    private final ComposeValues values;
    /** Swarm-only keys and the services that set them, for one warning per key. */
    private final Map<String, List<String>> swarmOnly = new LinkedHashMap<>();
    private final Map<String, String> firstAt = new LinkedHashMap<>();
    private final List<String> warnings;

    DeployReader(ComposeValues values, List<String> warnings) {
        this.values = values;
        this.warnings = warnings;
    }

    /**
     * The container's restart policy: {@code restart} when set (as in Compose), else {@code deploy.restart_policy},
     * else none.
     */
    RestartPolicy restart(String service, Map<String, Object> s, String at) {
        Map<String, Object> deploy = values.mapping(s.get("deploy"), at + ".deploy");
        String deployAt = at + ".deploy";
        deploy.keySet().stream().filter(k -> !READ.contains(k) && !k.startsWith("x-")).forEach(k -> {
            if (SWARM_ONLY.contains(k)) {
                swarmOnly.computeIfAbsent("deploy." + k, key -> new ArrayList<>()).add(service);
                firstAt.putIfAbsent("deploy." + k, deployAt + "." + k);
            } else {
                warnings.add(values.where(deployAt + "." + k) + "service '" + service + "': key 'deploy." + k
                        + "' is not supported and is ignored");
            }
        });
        String mode = values.string(deploy.get("mode"), deployAt + ".mode", "replicated");
        if (mode.equals("global")) {
            swarmOnly.computeIfAbsent("deploy.mode: global", key -> new ArrayList<>()).add(service);
            firstAt.putIfAbsent("deploy.mode: global", deployAt + ".mode");
        } else if (!mode.equals("replicated")) {
            throw new ConfigException(values.where(deployAt + ".mode") + "deploy mode '" + mode
                    + "' is not replicated or global");
        }
        Map<String, Object> resources = values.mapping(deploy.get("resources"), deployAt + ".resources");
        warnUnread(service, resources, Set.of("limits", "reservations"), deployAt + ".resources");
        warnUnread(service, values.mapping(resources.get("limits"), deployAt + ".resources.limits"),
                Set.of("cpus", "memory", "pids"), deployAt + ".resources.limits");
        Map<String, Object> reservations = values.mapping(resources.get("reservations"), deployAt + ".resources.reservations");
        warnUnread(service, reservations, Set.of("memory", "devices"), deployAt + ".resources.reservations");
        devices(reservations, deployAt + ".resources.reservations");
        RestartPolicy policy = restartPolicy(service, deploy.get("restart_policy"), deployAt + ".restart_policy");
        if (s.get("restart") != null || policy == null) {
            return values.parse(at + ".restart", () -> RestartPolicy.parse(values.string(s.get("restart"), at + ".restart", "no")));
        }
        return policy;
    }

    /** A warning for each key of {@code map} that Capstan does not act on ({@code reservations.cpus}, ...). */
    private void warnUnread(String service, Map<String, Object> map, Set<String> read, String at) {
        String key = at.substring(at.indexOf(".deploy.") + 1);
        map.keySet().stream().filter(k -> !read.contains(k) && !k.startsWith("x-")).forEach(k -> warnings.add(
                values.where(at + "." + k) + "service '" + service + "': key '" + key + "." + k
                        + "' is not supported and is ignored"));
    }

    /** One warning per Swarm-only key, after every service is read. */
    void warnSwarmOnly() {
        swarmOnly.forEach((key, services) -> warnings.add(values.where(firstAt.get(key))
                + (services.size() == 1 ? "service '" + services.getFirst() + "'"
                : "services " + String.join(", ", services.stream().map(n -> "'" + n + "'").toList()))
                + ": '" + key + "' applies to Swarm only and is ignored on one engine"));
    }

    private RestartPolicy restartPolicy(String service, Object value, String at) {
        if (value == null) {
            return null;
        }
        Map<String, Object> p = values.mapping(value, at);
        p.keySet().stream().filter(k -> !POLICY_KEYS.contains(k)).forEach(k -> warnings.add(values.where(at + "." + k)
                + "service '" + service + "': key 'deploy.restart_policy." + k + "' is not supported and is ignored"));
        for (String unsupported : List.of("delay", "window")) {
            if (p.containsKey(unsupported)) {
                warnings.add(values.where(at + "." + unsupported) + "service '" + service + "': deploy.restart_policy."
                        + unsupported + " is ignored: the engine restarts a container with its own growing delay");
            }
        }
        String condition = values.string(p.get("condition"), at + ".condition", "any");
        int attempts = p.get("max_attempts") == null ? 0 : values.integer(p.get("max_attempts"), at + ".max_attempts");
        if (attempts < 0) {
            throw new ConfigException(values.where(at + ".max_attempts") + "max_attempts cannot be negative, found " + attempts);
        }
        return switch (condition) {
            case "none" -> RestartPolicy.NO;
            case "on-failure" -> new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, attempts);
            case "any" -> {
                if (attempts > 0) {
                    warnings.add(values.where(at + ".max_attempts") + "service '" + service + "': max_attempts is ignored "
                            + "with condition any: the engine counts retries only with on-failure");
                }
                yield new RestartPolicy(RestartPolicy.Mode.ALWAYS, 0);
            }
            default -> throw new ConfigException(values.where(at + ".condition") + "restart_policy condition '" + condition
                    + "' is not one of none, on-failure, any");
        };
    }

    /** There is no device request (GPU) support: asking for devices is refused rather than run without them. */
    private void devices(Map<String, Object> reservations, String at) {
        List<?> devices = values.list(reservations.get("devices"), at + ".devices");
        for (int i = 0; i < devices.size(); i++) {
            Map<String, Object> device = values.mapping(devices.get(i), at + ".devices[" + i + "]");
            String asked = device.containsKey("device_ids") ? "device_ids " + device.get("device_ids")
                    : "count " + device.getOrDefault("count", "all");
            throw new ConfigException(values.where(at + ".devices[" + i + "]") + "deploy.resources.reservations.devices asks "
                    + "for " + asked + " with capabilities " + device.getOrDefault("capabilities", List.of())
                    + ", but Capstan does not pass device requests (GPUs) to the engine: drop the reservation, or map a "
                    + "host device with devices:");
        }
    }
}
