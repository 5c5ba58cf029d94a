package io.capstan.control.replicas;

import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ReplicaSpec;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.control.store.Autoscale;
import io.capstan.control.store.DesiredImage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A desired state as the API takes it ({@code PUT /containers/{image}/desired}), checked field by field without the
 * engine: counts, the replica template, and the autoscaling policy. What only the engine can judge (does the image
 * exist, can the host give the resources) is {@link Replicas}' part.
 */
final class DesiredRequest {
    private static final Set<String> KEYS = Set.of("min_replicas", "max_replicas", "replicas", "env", "ports",
            "resources", "command", "autoscale", "image");
    private static final Set<String> AUTOSCALE_KEYS = Set.of("target_cpu_percent", "scale_up_window_seconds",
            "scale_down_window_seconds");

    private DesiredRequest() {
    }

    /**
     * Reads a whole desired state (what is not given takes its default: 1 replica, the image's own command, no env,
     * ports, limits or autoscaling). {@code previous} keeps the current count when the body does not give one.
     */
    static DesiredImage from(String image, Map<String, Object> body, DesiredImage previous, Instant now) {
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                throw InvalidRequestException.unknown(key, "unknown field: use " + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        if (body.get("image") != null && !image.equals(body.get("image"))) {
            throw new InvalidRequestException("image", "the body names '" + body.get("image") + "' but the path '" + image + "'");
        }
        int min = count(body, "min_replicas", 1);
        int max = count(body, "max_replicas", Math.max(min, 1));
        checkRange(min, max);
        int fallback = previous == null ? min : Math.clamp(previous.replicas(), min, max);
        int replicas = count(body, "replicas", fallback);
        checkReplicas(replicas, min, max);
        Map<String, Integer> ports = CreateRequest.ports(body.get("ports"));
        checkPorts(max, ports, "ports");
        ResourceLimits resources = ResourceLimits.from(body.get("resources"), "resources");
        return new DesiredImage(image, min, max, replicas, resources.toJson(),
                new java.util.LinkedHashMap<>(CreateRequest.env(body.get("env"))), new java.util.LinkedHashMap<>(ports),
                CreateRequest.command(body.get("command")), autoscale(body.get("autoscale")), now);
    }

    static void checkRange(int min, int max) {
        if (max < min) {
            throw new InvalidRequestException("min_replicas", "min_replicas (" + min + ") is greater than max_replicas ("
                    + max + ")");
        }
    }

    /** A fixed host port can be bound by one replica only. */
    static void checkPorts(int max, Map<String, Integer> ports, String field) {
        if (max > 1 && ReplicaSpec.bindsFixedHostPort(ports)) {
            throw new InvalidRequestException(field, "a fixed host port can be bound by one replica only, and "
                    + "max_replicas is " + max + ": give null (any free port) for the ports, or keep max_replicas at 1");
        }
    }

    static void checkReplicas(int replicas, int min, int max) {
        if (replicas < min || replicas > max) {
            throw new InvalidRequestException("replicas", "replicas (" + replicas + ") must be between min_replicas ("
                    + min + ") and max_replicas (" + max + ")");
        }
    }

    /** A whole number >= 0 under {@code field}, or {@code fallback} when absent. */
    static int count(Map<String, Object> body, String field, int fallback) {
        Object value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer i && i >= 0) {
            return i;
        }
        throw new InvalidRequestException(field, value instanceof Integer
                ? "must not be negative, got " + value : "expected a whole number >= 0, got " + value);
    }

    private static Autoscale autoscale(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRequestException("autoscale", "expected an object such as {\"target_cpu_percent\": 70}");
        }
        for (Object key : map.keySet()) {
            if (!AUTOSCALE_KEYS.contains(key)) {
                throw new InvalidRequestException("autoscale." + key, "unknown key: use "
                        + String.join(", ", new java.util.TreeSet<>(AUTOSCALE_KEYS)));
            }
        }
        Object target = map.get("target_cpu_percent");
        if (!(target instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 1000) {
            throw new InvalidRequestException("autoscale.target_cpu_percent",
                    "required: the average CPU per replica to hold, a percent of its CPU limit above 0, got " + target);
        }
        return new Autoscale(n.doubleValue(),
                window(map.get("scale_up_window_seconds"), "autoscale.scale_up_window_seconds", Autoscale.DEFAULT_UP_WINDOW),
                window(map.get("scale_down_window_seconds"), "autoscale.scale_down_window_seconds",
                        Autoscale.DEFAULT_DOWN_WINDOW));
    }

    private static Duration window(Object value, String field, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer i && i >= 0 && i <= 3600) {
            return Duration.ofSeconds(i);
        }
        throw new InvalidRequestException(field, "expected whole seconds from 0 to 3600, got " + value);
    }
}
