package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;

import java.util.Map;
import java.util.Set;

/**
 * The engine's name of a top-level network or volume, as Compose names it: {@code name}, else the legacy
 * {@code external: {name: X}}, else the key for an external one, else {@code <project>_<key>}.
 */
final class ResourceNames {
    private ResourceNames() {
    }

    /** True for {@code external: true} and {@code external: {name: X}}. */
    static boolean external(Map<String, Object> definition, String at, ComposeValues values) {
        Object external = definition.get("external");
        return external instanceof Map<?, ?> || values.bool(external, at + ".external");
    }

    /**
     * @param alsoWithExternal keys besides {@code name} that may sit beside {@code external} (Compose refuses the
     *                         others: an external resource is never created, so they would be silently ignored)
     */
    static String name(Map<String, Object> definition, String kind, String key, String project, String at,
                       ComposeValues values, Set<String> alsoWithExternal) {
        boolean external = external(definition, at, values);
        String name = values.string(definition.get("name"), at + ".name", null);
        if (!external) {
            return name != null ? name : project + "_" + key;
        }
        definition.keySet().stream().filter(k -> !k.equals("external") && !k.equals("name") && !k.startsWith("x-")
                && !alsoWithExternal.contains(k)).findFirst().ifPresent(k -> {
                    throw new ConfigException(values.where(at + "." + k) + kind + " '" + key + "' is external, so '" + k
                            + "' cannot be set: Capstan uses it as it is (only name" + (alsoWithExternal.isEmpty() ? ""
                            : ", " + String.join(", ", alsoWithExternal)) + " may be given)");
                });
        if (definition.get("external") instanceof Map<?, ?> legacy && legacy.get("name") != null) {
            String legacyName = values.scalarText(legacy.get("name"), at + ".external.name");
            if (name != null && !name.equals(legacyName)) {
                throw new ConfigException(values.where(at + ".external.name") + kind + " '" + key + "': external.name '"
                        + legacyName + "' and name '" + name + "' differ: keep only name");
            }
            return legacyName;
        }
        return name != null ? name : key;
    }
}
