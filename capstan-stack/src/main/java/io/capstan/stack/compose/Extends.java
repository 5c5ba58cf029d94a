package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.Location;
import io.capstan.stack.config.Values;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@code extends} in one compose file, as Docker Compose does: a service takes the keys of the service it
 * extends ({@code extends: NAME}, {@code {service: NAME}} in the same file, or {@code {service: NAME, file: PATH}}
 * in another), merged under its own with the rules of {@link ComposeMerge}. Relative paths of a service from
 * another file ({@code build}, {@code env_file}, bind sources) stay relative to that file. A cycle is an error.
 */
final class Extends {
    /** A compose file read and interpolated: its tree and where each key is. */
    record File(Path path, String display, Map<String, Object> root, Map<String, Location> locations) {
    }

    private final Function<Path, File> reader;
    private final Map<String, Map<String, Object>> resolved = new LinkedHashMap<>();

    /** @param reader reads and interpolates another compose file */
    Extends(Function<Path, File> reader) {
        this.reader = reader;
    }

    /** The file's tree with every service's {@code extends} resolved. */
    Map<String, Object> resolve(File file) {
        if (!(file.root().get("services") instanceof Map<?, ?> services)) {
            return file.root();
        }
        Map<String, Object> result = new LinkedHashMap<>(file.root());
        Map<String, Object> out = new LinkedHashMap<>();
        Values.asMap(services).keySet().forEach(name -> out.put(name, service(file, name, new ArrayList<>())));
        result.put("services", out);
        return result;
    }

    private Map<String, Object> service(File file, String name, List<String> chain) {
        String id = file.display() + ":" + name;
        Map<String, Object> done = resolved.get(id);
        if (done != null) {
            return done;
        }
        String at = "services." + name;
        if (chain.contains(id)) {
            chain.add(id);
            throw new ConfigException(where(file, at + ".extends") + "extends cycle: " + String.join(" -> ",
                    chain.subList(chain.indexOf(id), chain.size()).stream().map(Extends::serviceOf).toList()));
        }
        Object definition = Values.asMap(file.root().get("services")).get(name);
        Map<String, Object> service = definition == null ? new LinkedHashMap<>() : mapping(file, at, definition);
        Object extendsValue = service.get("extends");
        if (extendsValue == null) {
            return service;
        }
        chain.add(id);
        Map<String, Object> e = extendsValue instanceof String s ? Map.of("service", s) : mapping(file, at + ".extends", extendsValue);
        if (!(e.get("service") instanceof String baseName)) {
            throw new ConfigException(where(file, at + ".extends") + "service '" + name + "': extends needs a service name");
        }
        File baseFile = file;
        if (e.get("file") != null) {
            Path other = file.path().toAbsolutePath().getParent().resolve(String.valueOf(e.get("file"))).normalize();
            baseFile = reader.apply(other);
        }
        if (!(baseFile.root().get("services") instanceof Map<?, ?> baseServices) || !baseServices.containsKey(baseName)) {
            throw new ConfigException(where(file, at + ".extends") + "service '" + name + "' extends '" + baseName
                    + "', which is not a service of " + baseFile.display());
        }
        Map<String, Object> base = service(baseFile, baseName, chain);
        if (baseFile != file) {
            base = PathRebase.rebase(base, baseFile.path().toAbsolutePath().getParent());
        }
        Map<String, Object> own = new LinkedHashMap<>(service);
        own.remove("extends");
        Map<String, Object> merged = ComposeMerge.merge(base, own, at);
        chain.remove(id);
        resolved.put(id, merged);
        return merged;
    }

    private static String serviceOf(String id) {
        return id.substring(id.lastIndexOf(':') + 1);
    }

    private static Map<String, Object> mapping(File file, String at, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(where(file, at) + at.substring(at.lastIndexOf('.') + 1) + " must be a mapping, found "
                    + Values.describe(value));
        }
        return new LinkedHashMap<>(Values.asMap(map));
    }

    private static String where(File file, String at) {
        Location location = file.locations().get(at);
        return (location == null ? file.display() : location.toString()) + ": ";
    }
}
