package io.capstan.stack.compose;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.Location;
import io.capstan.stack.config.Values;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Typed access to the merged compose tree: a wrong value is a {@link ConfigException} naming file:line. */
final class ComposeValues {
    private final Map<String, Location> locations;

    ComposeValues(Map<String, Location> locations) {
        this.locations = locations;
    }

    /** Runs {@code parser}; what it rejects becomes an error at {@code at}. */
    <T> T parse(String at, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            throw e;
        } catch (CapstanException | IllegalArgumentException e) {
            throw new ConfigException(where(at) + e.getMessage(), e);
        }
    }

    Map<String, Object> mapping(Object value, String at) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(where(at) + lastKey(at) + " must be a mapping, found " + Values.describe(value));
        }
        return Values.asMap(map);
    }

    List<?> list(Object value, String at) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException(where(at) + lastKey(at) + " must be a list, found " + Values.describe(value));
        }
        return list;
    }

    /** A list of single values as text. */
    List<String> strings(Object value, String at) {
        return list(value, at).stream().map(v -> scalarText(v, at)).toList();
    }

    Map<String, String> stringMap(Object value, String at) {
        Map<String, String> result = new LinkedHashMap<>();
        ComposeMerge.keyed(value, "=").forEach((k, v) -> result.put(k, v == null ? "" : scalarText(v, at + "." + k)));
        return result;
    }

    String string(Object value, String at, String fallback) {
        if (value == null) {
            return fallback;
        }
        return scalarText(value, at);
    }

    String scalarText(Object value, String at) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new ConfigException(where(at) + lastKey(at) + " must be a single value, found " + Values.describe(value));
        }
        return String.valueOf(value);
    }

    int integer(Object value, String at) {
        if (value instanceof Integer i) {
            return i;
        }
        try {
            return Integer.parseInt(scalarText(value, at));
        } catch (NumberFormatException e) {
            throw new ConfigException(where(at) + lastKey(at) + " must be a whole number, found " + Values.describe(value));
        }
    }

    boolean bool(Object value, String at) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(where(at) + lastKey(at) + " must be true or false, found " + Values.describe(value));
    }

    static String lastKey(String at) {
        String key = at.replaceAll("\\[\\d+]$", "");
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** {@code file:line: } of a key path, or of its nearest ancestor that has a location. */
    String where(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Location location = locations.get(p);
            if (location != null) {
                return location + ": ";
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return "compose: ";
    }
}
