package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.DotEnv;
import io.capstan.stack.config.Location;
import io.capstan.stack.config.Values;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a file's top-level {@code include}, as Docker Compose does: each included file (a path, or
 * {@code {path, project_directory, env_file}}) is loaded on its own (its own includes and extends resolved, its
 * variables from {@code env_file} as well), its relative paths made absolute against its project directory (by
 * default its own directory), and its services, networks, volumes, secrets and configs join the including file's.
 * A resource defined in two of them is an error naming both files.
 */
final class Includes {
    private static final List<String> RESOURCES = List.of("services", "networks", "volumes", "secrets", "configs");

    /** Parses and interpolates a compose file with the given variables. */
    interface Reader {
        Extends.File read(Path file, Map<String, String> variables, Set<String> warnings);
    }

    private final Reader reader;
    private final Map<String, String> environment;
    private final Set<String> warnings;
    private final List<Path> chain;

    Includes(Reader reader, Map<String, String> environment, Set<String> warnings) {
        this(reader, environment, warnings, List.of());
    }

    private Includes(Reader reader, Map<String, String> environment, Set<String> warnings, List<Path> chain) {
        this.reader = reader;
        this.environment = environment;
        this.warnings = warnings;
        this.chain = chain;
    }

    /**
     * The file's tree without {@code include}, with the included resources added; the included files' key
     * locations go into {@code locations} (the including file's own win).
     */
    Map<String, Object> apply(Extends.File file, Map<String, Location> locations) {
        Map<String, Object> root = new LinkedHashMap<>(file.root());
        Object include = root.remove("include");
        Map<String, String> definedIn = new HashMap<>();
        RESOURCES.forEach(kind -> keys(root, kind).forEach(key -> definedIn.put(kind + "." + key, file.display())));
        List<?> entries = include == null ? List.of() : include instanceof List<?> l ? l : List.of(include);
        Path dir = file.path().toAbsolutePath().normalize().getParent();
        List<Path> here = new ArrayList<>(chain);
        here.add(file.path().toAbsolutePath().normalize());
        for (int i = 0; i < entries.size(); i++) {
            String at = "include[" + i + "]";
            Object entry = entries.get(i);
            Map<String, Object> e = entry instanceof Map<?, ?> m ? Values.asMap(m) : Map.of("path", entry);
            Object paths = e.get("path");
            if (paths == null) {
                throw new ConfigException(where(file, at) + "an include entry needs a path");
            }
            for (Object path : paths instanceof List<?> l ? l : List.of(paths)) {
                Path included = dir.resolve(String.valueOf(path)).normalize();
                if (!Files.isRegularFile(included)) {
                    throw new ConfigException(where(file, at) + "included file '" + path + "' not found (looked at " + included + ")");
                }
                if (here.contains(included)) {
                    throw new ConfigException(where(file, at) + "include cycle: " + included + " includes itself");
                }
                Path projectDir = e.get("project_directory") == null ? included.getParent()
                        : dir.resolve(String.valueOf(e.get("project_directory"))).normalize();
                Extends.File read = reader.read(included, variables(e.get("env_file"), dir, file, at), warnings);
                Map<String, Object> tree = new Includes(reader, environment, warnings, here).apply(read, locations);
                tree = new Extends(p -> reader.read(p, environment, warnings)).resolve(
                        new Extends.File(read.path(), read.display(), tree, read.locations()));
                join(root, tree, projectDir, definedIn, read.display(), file);
                read.locations().forEach(locations::putIfAbsent);
            }
        }
        locations.putAll(file.locations());
        return root;
    }

    /** The environment, with the {@code env_file}s' variables where the environment does not set them. */
    private Map<String, String> variables(Object envFiles, Path dir, Extends.File file, String at) {
        if (envFiles == null) {
            return environment;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Object envFile : envFiles instanceof List<?> l ? l : List.of(envFiles)) {
            Path path = dir.resolve(String.valueOf(envFile)).normalize();
            if (!Files.isRegularFile(path)) {
                throw new ConfigException(where(file, at) + "env_file '" + envFile + "' not found (looked at " + path + ")");
            }
            variables.putAll(DotEnv.read(path, String.valueOf(envFile)));
        }
        variables.putAll(environment);
        return variables;
    }

    private static void join(Map<String, Object> root, Map<String, Object> included, Path projectDir,
                             Map<String, String> definedIn, String includedDisplay, Extends.File file) {
        for (String kind : RESOURCES) {
            if (!(included.get(kind) instanceof Map<?, ?> resources)) {
                continue;
            }
            Map<String, Object> target = root.get(kind) instanceof Map<?, ?> m ? new LinkedHashMap<>(Values.asMap(m))
                    : new LinkedHashMap<>();
            Values.asMap(resources).forEach((key, value) -> {
                String other = definedIn.putIfAbsent(kind + "." + key, includedDisplay);
                if (other != null) {
                    throw new ConfigException(where(file, kind + "." + key) + kind.substring(0, kind.length() - 1) + " '"
                            + key + "' is defined in both " + other + " and " + includedDisplay
                            + " (included): a resource may be defined only once");
                }
                target.put(key, rebase(kind, value, projectDir));
            });
            root.put(kind, target);
        }
    }

    private static Object rebase(String kind, Object value, Path projectDir) {
        if (kind.equals("services") && value instanceof Map<?, ?> m) {
            return PathRebase.rebase(Values.asMap(m), projectDir);
        }
        if ((kind.equals("secrets") || kind.equals("configs")) && value instanceof Map<?, ?> m
                && m.get("file") instanceof String path && !path.startsWith("/")) {
            Map<String, Object> copy = new LinkedHashMap<>(Values.asMap(m));
            copy.put("file", projectDir.resolve(path).normalize().toString());
            return copy;
        }
        return value;
    }

    private static List<String> keys(Map<String, Object> root, String kind) {
        return root.get(kind) instanceof Map<?, ?> m ? Values.asMap(m).keySet().stream().toList() : List.of();
    }

    private static String where(Extends.File file, String at) {
        Location location = file.locations().get(at);
        return (location == null ? file.display() : location.toString()) + ": ";
    }
}
