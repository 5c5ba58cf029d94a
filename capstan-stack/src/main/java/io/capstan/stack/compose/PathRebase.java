package io.capstan.stack.compose;

import io.capstan.stack.config.Values;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the relative paths of a service taken from another compose file ({@code extends.file}, {@code include})
 * absolute against that file's directory, so that they keep pointing where that file meant: {@code build} (or
 * its {@code context}), {@code env_file} and the sources of bind mounts.
 */
final class PathRebase {
    private PathRebase() {
    }

    static Map<String, Object> rebase(Map<String, Object> service, Path dir) {
        Map<String, Object> result = new LinkedHashMap<>(service);
        Object build = result.get("build");
        if (build instanceof String context) {
            result.put("build", absolute(context, dir));
        } else if (build instanceof Map<?, ?> b && b.get("context") instanceof String context) {
            Map<String, Object> copy = new LinkedHashMap<>(Values.asMap(b));
            copy.put("context", absolute(context, dir));
            result.put("build", copy);
        }
        Object envFile = result.get("env_file");
        if (envFile instanceof String path) {
            result.put("env_file", absolute(path, dir));
        } else if (envFile instanceof List<?> list) {
            result.put("env_file", list.stream().map(e -> e instanceof String p ? absolute(p, dir)
                    : e instanceof Map<?, ?> m && m.get("path") instanceof String p ? withPath(m, absolute(p, dir)) : e).toList());
        }
        if (result.get("volumes") instanceof List<?> volumes) {
            result.put("volumes", volumes.stream().map(v -> volume(v, dir)).toList());
        }
        return result;
    }

    private static Object volume(Object entry, Path dir) {
        if (entry instanceof String text && text.startsWith(".") && text.contains(":")) {
            int colon = text.indexOf(':');
            return absolute(text.substring(0, colon), dir) + text.substring(colon);
        }
        if (entry instanceof Map<?, ?> m && "bind".equals(m.get("type")) && m.get("source") instanceof String source) {
            Map<String, Object> copy = new LinkedHashMap<>(Values.asMap(m));
            copy.put("source", absolute(source, dir));
            return copy;
        }
        return entry;
    }

    private static Object withPath(Map<?, ?> entry, String path) {
        Map<String, Object> copy = new LinkedHashMap<>(Values.asMap(entry));
        copy.put("path", path);
        return copy;
    }

    private static String absolute(String path, Path dir) {
        return path.startsWith("/") || path.startsWith("~") ? path : dir.resolve(path).normalize().toString();
    }
}
