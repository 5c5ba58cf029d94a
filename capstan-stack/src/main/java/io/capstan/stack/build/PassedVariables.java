package io.capstan.stack.build;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.compose.ComposeMerge;
import io.capstan.stack.config.DotEnv;
import io.capstan.stack.config.YamlDocument;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables each compose service of a rendered compose file passes to its container, by name: the keys of
 * its {@code environment} (list or mapping form) and of its {@code env_file}s. Only what can be read is judged:
 * a file that is not valid YAML, or a service whose env_file cannot be read yet, is left out.
 *
 * @param byComposeService compose service name to the variable names its container gets
 */
record PassedVariables(Map<String, Set<String>> byComposeService) {

    /**
     * @param composeText the rendered compose file
     * @param composeDir  the directory its relative paths resolve against (the root compose file's, as in Compose)
     */
    static PassedVariables of(String composeText, String displayName, Path composeDir) {
        Map<String, Set<String>> passed = new LinkedHashMap<>();
        Object services;
        try {
            services = ComposeMerge.strip(YamlDocument.parse(composeText, displayName, true).root().get("services"));
        } catch (ConfigException notYaml) {
            return new PassedVariables(Map.of()); // running the stack reports it; generation only renders
        }
        if (services instanceof Map<?, ?> map) {
            map.forEach((name, service) -> {
                if (service instanceof Map<?, ?> settings) {
                    Set<String> names = variables(settings, composeDir);
                    if (names != null) {
                        passed.put(String.valueOf(name), names);
                    }
                }
            });
        }
        return new PassedVariables(passed);
    }

    /** The compose services whose containers do not get {@code variable}. */
    List<String> lacking(String variable) {
        return byComposeService.entrySet().stream().filter(e -> !e.getValue().contains(variable))
                .map(Map.Entry::getKey).toList();
    }

    private static Set<String> variables(Map<?, ?> service, Path composeDir) {
        Set<String> names = new LinkedHashSet<>(ComposeMerge.keyed(service.get("environment"), "=").keySet());
        Object envFiles = service.get("env_file");
        for (Object entry : envFiles == null ? List.of() : envFiles instanceof List<?> l ? l : List.of(envFiles)) {
            Object path = entry instanceof Map<?, ?> m ? m.get("path") : entry;
            Path file = composeDir.resolve(String.valueOf(path)).normalize();
            try {
                names.addAll(DotEnv.read(file, String.valueOf(path)).keySet());
            } catch (ConfigException unreadable) {
                return null;
            }
        }
        return names;
    }
}
