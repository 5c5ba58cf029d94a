package io.capstan.stack.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges an overlay over a base: mappings merge key by key, lists and scalars replace. The one exception is
 * {@code deployed_services}: an overlay replaces the base's list only with a non-empty list of its own, so an
 * importing file with {@code deployed_services: []} keeps what it imported.
 */
public final class DeepMerge {
    public static final String DEPLOYED_SERVICES = "deployed_services";

    private DeepMerge() {
    }

    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object existing = result.get(key);
            if (existing instanceof Map<?, ?> baseMap && value instanceof Map<?, ?> overlayMap) {
                result.put(key, merge(Values.asMap(baseMap), Values.asMap(overlayMap)));
            } else if (key.equals(DEPLOYED_SERVICES) && result.containsKey(key)
                    && !(value instanceof List<?> list && !list.isEmpty())) {
                // keep the base's deployed_services
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
