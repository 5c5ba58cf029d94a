package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.Values;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Values the Compose specification allows that Capstan refuses, each with one line saying why: {@code image} and
 * {@code npipe} volumes (the engine API Capstan speaks, 1.41, has no image mounts; named pipes are Windows'), build
 * contexts that are git repositories or URLs, and {@code container_name} on a service with several replicas
 * (container names are unique).
 */
final class ServiceRefusals {
    /** What Docker takes for a remote context: a URL ({@code https://}, {@code git://}, ...), {@code git@}, {@code github.com/}. */
    private static final Pattern REMOTE_CONTEXT = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*://|git@|github\\.com/).*");

    private ServiceRefusals() {
    }

    /** @param where gives the {@code file:line: } prefix of a key path */
    static void check(String service, Map<String, Object> s, String at, UnaryOperator<String> where) {
        List<?> volumes = s.get("volumes") instanceof List<?> l ? l : List.of();
        for (int i = 0; i < volumes.size(); i++) {
            Object type = volumes.get(i) instanceof Map<?, ?> m ? m.get("type") : null;
            if ("image".equals(type)) {
                throw new ConfigException(where.apply(at + ".volumes[" + i + "]") + "volume type 'image' is not supported: "
                        + "the engine API Capstan uses (1.41) cannot mount an image; copy what you need in a build, or use a volume");
            }
            if ("npipe".equals(type)) {
                throw new ConfigException(where.apply(at + ".volumes[" + i + "]") + "volume type 'npipe' is not supported: "
                        + "named pipes are Windows engines' and Capstan runs Linux containers; use volume, bind or tmpfs");
            }
        }
        Object build = s.get("build");
        Object context = build instanceof Map<?, ?> b ? Values.asMap(b).get("context") : build;
        if (context instanceof String text && REMOTE_CONTEXT.matcher(text).matches()) {
            throw new ConfigException(where.apply(at + ".build") + "build context '" + text + "' is a git repository or "
                    + "URL, which is not supported: clone it and set build.context to its directory");
        }
        Object replicas = Values.at(s, "deploy", "replicas");
        if (s.get("container_name") != null && replicas instanceof Integer n && n > 1) {
            throw new ConfigException(where.apply(at + ".container_name") + "service '" + service + "' sets container_name '"
                    + s.get("container_name") + "' and deploy.replicas " + n + ", but container names are unique: "
                    + "drop container_name or run one replica");
        }
    }
}
