package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.Location;
import io.capstan.stack.config.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compose's {@code profiles}: a service that lists profiles runs only when one of them is active; a service without
 * any always runs. The active profiles are the ones given ({@code --profile}), else those {@code COMPOSE_PROFILES}
 * names (comma-separated, from the environment or {@code .env}); {@code *} activates every profile.
 *
 * @param active the active profile names
 */
record Profiles(Set<String> active) {
    static final String VARIABLE = "COMPOSE_PROFILES";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /** @param given the profiles named on the command line; when there are none, {@code COMPOSE_PROFILES} decides */
    static Profiles of(List<String> given, Map<String, String> environment) {
        List<String> names = new ArrayList<>(given);
        if (names.isEmpty()) {
            names.addAll(List.of(environment.getOrDefault(VARIABLE, "").split(",")));
        }
        Set<String> active = new LinkedHashSet<>();
        names.stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(active::add);
        return new Profiles(Set.copyOf(active));
    }

    /** The services of a merged compose tree that do not run with these profiles, and the tree without them. */
    record Selection(Map<String, Object> tree, Set<String> inactive) {
    }

    /**
     * Removes the services whose profiles are not active. A running service that depends on one is an error naming
     * both, unless the dependency is marked {@code required: false} (then it is dropped, with a warning).
     */
    Selection select(Map<String, Object> tree, Map<String, Location> locations, List<String> warnings) {
        if (!(tree.get("services") instanceof Map<?, ?> services)) {
            return new Selection(tree, Set.of());
        }
        Map<String, List<String>> profilesOf = new LinkedHashMap<>();
        Set<String> inactive = new LinkedHashSet<>();
        services.forEach((name, definition) -> {
            List<String> profiles = profilesOf(String.valueOf(name), definition, locations);
            profilesOf.put(String.valueOf(name), profiles);
            if (!runs(profiles)) {
                inactive.add(String.valueOf(name));
            }
        });
        if (inactive.isEmpty()) {
            return new Selection(tree, Set.of());
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            if (!inactive.contains(String.valueOf(name))) {
                kept.put(String.valueOf(name), withoutInactiveDependencies(String.valueOf(name), definition, inactive,
                        profilesOf, locations, warnings));
            }
        });
        Map<String, Object> result = new LinkedHashMap<>(tree);
        result.put("services", kept);
        return new Selection(result, Set.copyOf(inactive));
    }

    private boolean runs(List<String> profiles) {
        return profiles.isEmpty() || active.contains("*") || profiles.stream().anyMatch(active::contains);
    }

    private static List<String> profilesOf(String service, Object definition, Map<String, Location> locations) {
        Object value = definition instanceof Map<?, ?> m ? m.get("profiles") : null;
        if (value == null) {
            return List.of();
        }
        String at = "services." + service + ".profiles";
        if (!(value instanceof List<?> list)) {
            throw new ConfigException(where(at, service, locations) + "profiles must be a list of names, found "
                    + Values.describe(value));
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String name) || !NAME.matcher(name).matches()) {
                throw new ConfigException(where(at, service, locations) + "profile " + Values.describe(item)
                        + " is not a profile name: letters, digits, '_', '.' and '-', starting with a letter or digit");
            }
            names.add(name);
        }
        return names;
    }

    private Object withoutInactiveDependencies(String service, Object definition, Set<String> inactive,
                                               Map<String, List<String>> profilesOf, Map<String, Location> locations,
                                               List<String> warnings) {
        if (!(definition instanceof Map<?, ?> map) || map.get("depends_on") == null) {
            return definition;
        }
        String at = "services." + service + ".depends_on";
        Map<String, Object> dependsOn = new LinkedHashMap<>(ComposeMerge.keyed(map.get("depends_on"), null));
        for (String dependency : List.copyOf(dependsOn.keySet())) {
            if (!inactive.contains(dependency)) {
                continue;
            }
            String why = "service '" + service + "' depends on '" + dependency + "', which is not enabled by the active "
                    + "profiles ('" + dependency + "' has profiles " + String.join(", ", profilesOf.get(dependency))
                    + "; active: " + (active.isEmpty() ? "none" : String.join(", ", active.stream().sorted().toList())) + ")";
            boolean required = !(dependsOn.get(dependency) instanceof Map<?, ?> settings)
                    || !Boolean.FALSE.equals(settings.get("required"));
            if (required) {
                throw new ConfigException(where(at, service, locations) + why + ": activate one with --profile or "
                        + VARIABLE + ", or give '" + service + "' and '" + dependency + "' a common profile");
            }
            warnings.add(where(at, service, locations) + why + ": ignored, as it is marked required: false");
            dependsOn.remove(dependency);
        }
        Map<String, Object> result = new LinkedHashMap<>(Values.asMap(map));
        result.put("depends_on", dependsOn);
        return result;
    }

    private static String where(String at, String service, Map<String, Location> locations) {
        Location location = locations.getOrDefault(at, locations.get("services." + service));
        return location == null ? "compose: " : location + ": ";
    }
}
