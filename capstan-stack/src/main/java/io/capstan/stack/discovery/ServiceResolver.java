package io.capstan.stack.discovery;

import io.capstan.core.error.ConfigException;
import io.capstan.core.text.EditDistance;
import io.capstan.stack.config.Location;
import io.capstan.stack.config.StackConfig;
import io.capstan.stack.config.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds the services listed in {@code deployed_services}: {@code framework.X} in {@code framework.services.X},
 * {@code applications.A.X} in {@code applications.A.services.X}, and a short name {@code X} in
 * {@code framework.services.X}, else (deprecated) in a top-level {@code services.X}.
 */
public final class ServiceResolver {
    private final StackConfig config;

    public ServiceResolver(StackConfig config) {
        this.config = config;
    }

    public List<DeployedService> resolve(Consumer<String> warnings) {
        Object listed = config.values().get("deployed_services");
        if (listed == null || (listed instanceof List<?> l && l.isEmpty())) {
            warnings.accept("no deployed_services in " + config.mainFile().getFileName()
                    + ": only the root template is generated");
            return List.of();
        }
        if (!(listed instanceof List<?> names)) {
            throw new ConfigException(config.where("deployed_services")
                    + "deployed_services must be a list of service names, found " + Values.describe(listed));
        }
        Map<String, DeployedService> byId = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String keyPath = "deployed_services[" + i + "]";
            Location at = config.locations().getOrDefault(keyPath, new Location(config.mainFile().getFileName().toString(), 0));
            if (!(names.get(i) instanceof String name) || name.isBlank()) {
                throw new ConfigException(at + ": deployed_services entries are service names, found " + Values.describe(names.get(i)));
            }
            DeployedService service = find(name.strip(), at, warnings);
            DeployedService earlier = byId.putIfAbsent(service.id(), service);
            if (earlier != null) {
                warnings.accept(at + ": service '" + service.id() + "' is already listed at " + earlier.location()
                        + "; deployed once");
            }
        }
        return List.copyOf(byId.values());
    }

    private DeployedService find(String name, Location at, Consumer<String> warnings) {
        String[] parts = name.split("\\.", 3);
        if (parts[0].equals("framework") && parts.length == 2) {
            return found(name, "framework.services." + parts[1], at);
        }
        if (parts[0].equals("applications") && parts.length == 3) {
            return found(name, "applications." + parts[1] + ".services." + parts[2], at);
        }
        if (parts.length == 1) {
            if (lookup("framework.services." + name) != null) {
                return found("framework." + name, "framework.services." + name, at);
            }
            if (lookup("services." + name) != null) {
                warnings.accept(at + ": service '" + name + "' is found in the top-level 'services:' section, which is "
                        + "deprecated: move it under framework.services or applications.<app>.services");
                return found(name, "services." + name, at);
            }
        }
        throw notFound(name, at);
    }

    private DeployedService found(String id, String keyPath, Location at) {
        Object value = lookup(keyPath);
        if (value == null) {
            throw notFound(id, at);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(config.where(keyPath) + "service '" + id + "' must be a mapping of settings, found "
                    + Values.describe(value));
        }
        return new DeployedService(id, keyPath, Values.asMap(map), at);
    }

    private Object lookup(String keyPath) {
        return Values.at(config.values(), keyPath.split("\\."));
    }

    private ConfigException notFound(String name, Location at) {
        List<String> known = knownServices();
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        List<String> close = known.stream()
                .filter(k -> EditDistance.between(k, name) <= Math.max(2, name.length() / 3)
                        || EditDistance.between(k.substring(k.lastIndexOf('.') + 1), shortName) <= Math.max(2, shortName.length() / 3))
                .sorted(Comparator.comparingInt(k -> EditDistance.between(k, name)))
                .limit(3).toList();
        String hint = !close.isEmpty() ? "; did you mean " + String.join(", ", close.stream().map(c -> "'" + c + "'").toList()) + "?"
                : known.isEmpty() ? "; no services are defined" : "; known services: " + String.join(", ", known);
        return new ConfigException(at + ": Service '" + name + "' not found in configuration" + hint);
    }

    private List<String> knownServices() {
        List<String> names = new ArrayList<>();
        if (Values.at(config.values(), "framework", "services") instanceof Map<?, ?> framework) {
            framework.keySet().forEach(k -> names.add("framework." + k));
        }
        if (config.values().get("applications") instanceof Map<?, ?> apps) {
            apps.forEach((app, appConfig) -> {
                if (appConfig instanceof Map<?, ?> m && m.get("services") instanceof Map<?, ?> services) {
                    services.keySet().forEach(k -> names.add("applications." + app + "." + k));
                }
            });
        }
        if (config.values().get("services") instanceof Map<?, ?> legacy) {
            legacy.keySet().forEach(k -> names.add(String.valueOf(k)));
        }
        return names;
    }
}
