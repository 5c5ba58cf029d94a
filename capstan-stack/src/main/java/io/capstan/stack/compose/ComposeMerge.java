package io.capstan.stack.compose;

import io.capstan.stack.config.Values;
import io.capstan.stack.config.YamlDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges compose files the way Docker Compose does: mappings merge; sequences append; {@code command},
 * {@code entrypoint} and {@code healthcheck.test} replace; {@code ports} and {@code volumes} are unique by their
 * binding and target; {@code environment}, {@code labels}, {@code extra_hosts}, {@code networks} and
 * {@code depends_on} merge by key whichever form (list or mapping) each file uses. {@code !reset} removes a value
 * and {@code !override} replaces it whole.
 */
public final class ComposeMerge {
    private static final Set<String> REPLACED = Set.of("command", "entrypoint", "test");
    private static final Map<String, Function<Object, Map<String, Object>>> KEYED = Map.of(
            "environment", v -> keyed(v, "="),
            "labels", v -> keyed(v, "="),
            "sysctls", v -> keyed(v, "="),
            "annotations", v -> keyed(v, "="),
            "extra_hosts", v -> keyed(v, ":"),
            "networks", v -> keyed(v, null),
            "depends_on", v -> keyed(v, null));

    private ComposeMerge() {
    }

    /** Merges {@code overlay} over {@code base}; both are whole files or parts of them at {@code path}. */
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay, String path) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            String child = path.isEmpty() ? key : path + "." + key;
            if (value == YamlDocument.Reset.INSTANCE) {
                result.remove(key);
            } else if (value instanceof YamlDocument.Override override) {
                result.put(key, strip(override.value()));
            } else if (!result.containsKey(key)) {
                result.put(key, strip(value));
            } else {
                result.put(key, mergeValue(key, result.get(key), value, child));
            }
        });
        return result;
    }

    private static Object mergeValue(String key, Object base, Object overlay, String path) {
        boolean inService = path.startsWith("services.") && path.chars().filter(c -> c == '.').count() == 2;
        if (inService && KEYED.containsKey(key)) {
            return merge(KEYED.get(key).apply(base), KEYED.get(key).apply(strip(overlay)), path);
        }
        if (REPLACED.contains(key)) {
            return strip(overlay);
        }
        if (base instanceof Map<?, ?> b && overlay instanceof Map<?, ?> o) {
            return merge(Values.asMap(b), Values.asMap(o), path);
        }
        if (base instanceof List<?> b && overlay instanceof List<?> o) {
            if (inService && key.equals("ports")) {
                return unique(b, o, ComposeMerge::portKey);
            }
            if (inService && key.equals("volumes")) {
                return unique(b, o, ComposeMerge::volumeTarget);
            }
            return unique(b, o, String::valueOf);
        }
        return strip(overlay);
    }

    /** Appends, and a later entry with the same key replaces the earlier one in place. */
    private static List<Object> unique(List<?> base, List<?> overlay, Function<Object, String> key) {
        Map<String, Object> byKey = new LinkedHashMap<>();
        base.forEach(v -> byKey.put(key.apply(v), v));
        overlay.forEach(v -> byKey.put(key.apply(v), strip(v)));
        return new ArrayList<>(byKey.values());
    }

    private static String portKey(Object entry) {
        if (entry instanceof Map<?, ?> m) {
            Object protocol = m.get("protocol");
            return m.get("host_ip") + ":" + m.get("published") + ":" + m.get("target") + "/" + (protocol == null ? "tcp" : protocol);
        }
        String text = String.valueOf(entry);
        return text.contains("/") ? text : text + "/tcp";
    }

    private static String volumeTarget(Object entry) {
        if (entry instanceof Map<?, ?> m) {
            return String.valueOf(m.get("target"));
        }
        String[] parts = String.valueOf(entry).split(":");
        return parts.length == 1 ? parts[0] : parts[1];
    }

    /**
     * A list ({@code K=V}, {@code K}, {@code name}) or a mapping, as a mapping. With a null separator the entries
     * are plain keys with no value ({@code networks: [a, b]}).
     */
    public static Map<String, Object> keyed(Object value, String separator) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), strip(v)));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                String text = String.valueOf(item);
                int at = separator == null ? -1 : text.indexOf(separator);
                if (at < 0 && ":".equals(separator)) {
                    at = text.indexOf('=');
                }
                result.put(at < 0 ? text : text.substring(0, at), at < 0 ? null : text.substring(at + 1));
            }
        }
        return result;
    }

    /** Removes {@code !reset}/{@code !override} markers from a value that is not merged with anything. */
    public static Object strip(Object value) {
        if (value instanceof YamlDocument.Override override) {
            return strip(override.value());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != YamlDocument.Reset.INSTANCE) {
                    result.put(String.valueOf(k), strip(v));
                }
            });
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(v -> v != YamlDocument.Reset.INSTANCE).map(ComposeMerge::strip).toList();
        }
        return value;
    }
}
