package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;
import io.capstan.core.secret.SecretNames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a stack configuration: the main file with its {@code import:}s (recursively, each relative to the file
 * that imports it, the importing file merged over what it imports), the applications named in
 * {@code applications:}, the {@code .env} beside the main file, and variable expansion.
 */
public final class ConfigLoader {
    private static final String IMPORT = "import";

    private final Map<String, String> processEnvironment;

    public ConfigLoader(Map<String, String> processEnvironment) {
        this.processEnvironment = processEnvironment;
    }

    /** @param yaml11Differences plain values a YAML 1.1 reader would read differently, as warnings */
    private record Loaded(Map<String, Object> values, Map<String, Location> locations, List<String> yaml11Differences) {
    }

    public StackConfig load(Path configFile) {
        Path main = configFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(main)) {
            throw new ConfigException("config file '" + configFile + "' not found");
        }
        Path baseDir = main.getParent();
        Loaded loaded = loadWithImports(main, baseDir, new ArrayList<>());
        Map<String, Object> merged = new LinkedHashMap<>(loaded.values());
        Map<String, Location> locations = new HashMap<>(loaded.locations());
        List<String> warnings = new ArrayList<>(loaded.yaml11Differences());
        loadApplications(merged, locations, warnings, baseDir);

        Map<String, String> environment = new HashMap<>(processEnvironment);
        Path dotEnv = baseDir.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            DotEnv.read(dotEnv, display(dotEnv, baseDir)).forEach(environment::putIfAbsent);
        }
        SecretNames secretNames = new SecretNames(SecretNames.globs(secretPatterns(merged, locations, main),
                replacesSecretPatterns(merged, locations, main)));
        Interpolator interpolator = new Interpolator(environment, secretNames::isSecret);
        Interpolator.Result result;
        try {
            result = interpolator.apply(merged);
        } catch (Interpolator.MissingVariable e) {
            throw new ConfigException(where(locations, e.path(), main) + e.getMessage(), e);
        }
        Map<String, Object> values = Values.asMap(result.expanded());
        Map<String, Object> masked = Values.asMap(result.masked());

        // project_root is the project's path where it is deployed (host paths for bind mounts), a value for
        // templates only: the project is always read from the main config's directory.
        String projectRoot = stringAt(values, "project_root", baseDir.toString(), locations, main);
        Path buildDir = baseDir.resolve(stringAt(values, "build_dir", "./build", locations, main)).normalize();
        if (!buildDir.startsWith(baseDir) || buildDir.equals(baseDir)) {
            throw new ConfigException(where(locations, "build_dir", main) + "build_dir '" + masked.get("build_dir")
                    + "' must be a directory inside the project directory " + baseDir);
        }
        UnsetVariables unset = UnsetVariables.of(interpolator.unsetUses(), locations, display(main, baseDir), false);
        return new StackConfig(main, baseDir, projectRoot, buildDir, values, masked, locations, environment,
                interpolator.secretReferences(), List.copyOf(warnings), unset);
    }

    private Loaded loadWithImports(Path file, Path baseDir, List<Path> chain) {
        if (chain.contains(file)) {
            List<String> names = new ArrayList<>(chain.subList(chain.indexOf(file), chain.size()).stream()
                    .map(p -> display(p, baseDir)).toList());
            names.add(display(file, baseDir));
            throw new ConfigException(display(chain.getLast(), baseDir) + ": import cycle: " + String.join(" -> ", names));
        }
        YamlDocument document = YamlDocument.read(file, display(file, baseDir));
        Map<String, Object> own = new LinkedHashMap<>(document.root());
        Object imports = own.remove(IMPORT);
        List<Path> nextChain = new ArrayList<>(chain);
        nextChain.add(file);
        Map<String, Object> base = new LinkedHashMap<>();
        Map<String, Location> locations = new HashMap<>();
        List<String> yaml11Differences = new ArrayList<>();
        List<?> importList = imports == null ? List.of() : imports instanceof List<?> l ? l : List.of(imports);
        for (int i = 0; i < importList.size(); i++) {
            String keyPath = imports instanceof List<?> ? IMPORT + "[" + i + "]" : IMPORT;
            Location at = document.locations().getOrDefault(keyPath, new Location(display(file, baseDir), 0));
            if (!(importList.get(i) instanceof String relative) || relative.isBlank()) {
                throw new ConfigException(at + ": import must be a path or a list of paths, found "
                        + Values.describe(importList.get(i)));
            }
            Path imported = file.getParent().resolve(relative).normalize();
            if (!Files.isRegularFile(imported)) {
                throw new ConfigException(at + ": imported file '" + relative + "' not found (looked at " + imported + ")");
            }
            Loaded sub = loadWithImports(imported, baseDir, nextChain);
            base = DeepMerge.merge(base, sub.values());
            locations.putAll(sub.locations());
            yaml11Differences.addAll(sub.yaml11Differences());
        }
        locations.putAll(document.locations());
        locations.keySet().removeIf(k -> k.equals(IMPORT) || k.startsWith(IMPORT + "["));
        yaml11Differences.addAll(document.yaml11Differences());
        return new Loaded(DeepMerge.merge(base, own), locations, yaml11Differences);
    }

    /** {@code applications: [a, b]} loads {@code src/applications/<name>/config.yml} under {@code applications.<name>}. */
    private void loadApplications(Map<String, Object> merged, Map<String, Location> locations, List<String> warnings,
                                  Path baseDir) {
        Object applications = merged.get("applications");
        if (applications == null || applications instanceof Map<?, ?>) {
            return;
        }
        if (!(applications instanceof List<?> names)) {
            throw new ConfigException(where(locations, "applications", baseDir) + "applications must be a list of "
                    + "application names or a mapping, found " + Values.describe(applications));
        }
        Map<String, Object> loaded = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String at = where(locations, "applications[" + i + "]", baseDir);
            if (!(names.get(i) instanceof String name) || !name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") || name.contains("..")) {
                throw new ConfigException(at + "application names are plain names such as als_expert, found "
                        + Values.describe(names.get(i)));
            }
            Path file = baseDir.resolve("src/applications").resolve(name).resolve("config.yml");
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(at + "application '" + name + "' has no config file: looked for "
                        + display(file, baseDir));
            }
            Loaded app = loadWithImports(file, baseDir, new ArrayList<>());
            loaded.put(name, app.values());
            warnings.addAll(app.yaml11Differences());
            app.locations().forEach((k, v) -> locations.put("applications." + name + "." + k, v));
        }
        merged.put("applications", loaded);
    }

    private static List<String> secretPatterns(Map<String, Object> merged, Map<String, Location> locations, Path main) {
        Object patterns = merged.get("secret_patterns");
        if (patterns == null) {
            return List.of();
        }
        if (patterns instanceof List<?> list && list.stream().allMatch(p -> p instanceof String)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new ConfigException(where(locations, "secret_patterns", main) + "secret_patterns must be a list of "
                + "name patterns such as '*KEY*', found " + Values.describe(patterns));
    }

    private static boolean replacesSecretPatterns(Map<String, Object> merged, Map<String, Location> locations, Path main) {
        Object replace = merged.getOrDefault("secret_patterns_replace", false);
        if (!(replace instanceof Boolean b)) {
            throw new ConfigException(where(locations, "secret_patterns_replace", main)
                    + "secret_patterns_replace must be true or false, found " + Values.describe(replace));
        }
        return b;
    }

    private static String stringAt(Map<String, Object> values, String key, String fallback,
                                   Map<String, Location> locations, Path main) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new ConfigException(where(locations, key, main) + key + " must be a path, found " + Values.describe(value));
        }
        return s;
    }

    private static String where(Map<String, Location> locations, String keyPath, Path mainOrDir) {
        Location location = locations.get(keyPath);
        return (location != null ? location.toString() : mainOrDir.getFileName().toString()) + ": ";
    }

    /** Paths in messages: relative to the main config's directory when inside it. */
    static String display(Path file, Path baseDir) {
        return file.startsWith(baseDir) ? baseDir.relativize(file).toString() : file.toString();
    }
}
