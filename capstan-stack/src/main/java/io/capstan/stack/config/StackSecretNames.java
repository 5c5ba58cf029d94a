package io.capstan.stack.config;

import io.capstan.core.secret.SecretNames;

import java.util.List;
import java.util.Map;

/**
 * The secret names of a stack: the config key {@code secret_patterns} adds globs to the defaults, or replaces them
 * with {@code secret_patterns_replace: true}.
 */
public final class StackSecretNames {
    private StackSecretNames() {
    }

    /** The secret names of a loaded stack config (its keys were checked when it was loaded). */
    public static SecretNames of(StackConfig config) {
        return of(config.values());
    }

    static SecretNames of(Map<String, Object> values) {
        List<String> configured = values.get("secret_patterns") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        return new SecretNames(SecretNames.globs(configured, Boolean.TRUE.equals(values.get("secret_patterns_replace"))));
    }
}
