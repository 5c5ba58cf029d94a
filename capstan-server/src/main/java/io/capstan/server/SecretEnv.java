package io.capstan.server;

import io.capstan.core.secret.SecretNames;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks the values of secret variables (by the stack builder's rule: {@code *PASSWORD*}, {@code *TOKEN*}, a
 * {@code *_URL} with a password, ...) in every {@code env} an answer holds, however deep, for callers that are not
 * admin. Keys stay, so a reader still sees which variables are set.
 */
final class SecretEnv {
    static final String MASK = "********";
    private static final SecretNames SECRETS = SecretNames.DEFAULTS;

    private SecretEnv() {
    }

    /** A copy of the answer with every secret env value masked (the answer itself is left alone). */
    static Object masked(Object body) {
        return switch (body) {
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, "env".equals(k) ? env(v) : masked(v)));
                yield copy;
            }
            case List<?> list -> list.stream().map(SecretEnv::masked).toList();
            case null, default -> body;
        };
    }

    /** {@code {K: V}} or {@code ["K=V"]}. */
    private static Object env(Object env) {
        return switch (env) {
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, secret(String.valueOf(k), v) ? MASK : v));
                yield copy;
            }
            case List<?> list -> list.stream().map(SecretEnv::assignment).toList();
            case null, default -> env;
        };
    }

    private static Object assignment(Object item) {
        if (item instanceof String s && s.indexOf('=') > 0) {
            String name = s.substring(0, s.indexOf('='));
            return secret(name, s.substring(name.length() + 1)) ? name + "=" + MASK : s;
        }
        return item;
    }

    private static boolean secret(String name, Object value) {
        return value != null && SECRETS.isSecret(name, String.valueOf(value));
    }
}
