package io.capstan.cli;

import io.capstan.cli.output.Ages;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Table cells of the {@code capstan k8s} lists. */
final class KubeCells {
    private KubeCells() {
    }

    static String joined(Collection<?> values) {
        return values.isEmpty() ? "-" : values.stream().map(Object::toString).collect(Collectors.joining(","));
    }

    static String pairs(Map<String, String> values) {
        return values.isEmpty() ? "-" : values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    static String age(Instant created) {
        return created == null ? "-" : Ages.since(created, Instant.now());
    }

    static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
