package io.capstan.control.replicas;

import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.InvalidRequestException;

import java.util.HashMap;
import java.util.Map;

/**
 * A request to start new containers of an image ({@code POST /start/container}, or {@code POST /containers/{image}/start}
 * with a body): what each is made from, how many, and optionally the image's replica range, which makes the request
 * its desired state too.
 *
 * @param count       how many containers: the body's {@code count}, else its {@code min_replicas}, else 1
 * @param minReplicas the body's {@code min_replicas}, null when not given
 * @param maxReplicas the body's {@code max_replicas}, null when not given
 */
public record StartRequest(CreateRequest container, int count, Integer minReplicas, Integer maxReplicas) {
    /** The StartBody's fields, the reference's and Capstan's. */
    private static final java.util.Set<String> FIELDS = java.util.Set.of("image", "image_url", "env", "ports",
            "resources", "command", "name", "count", "min_replicas", "max_replicas");

    public StartRequest {
        if (count < 1) {
            throw new InvalidRequestException("count", "must be at least 1, got " + count);
        }
        if (count > 1 && container.name() != null) {
            throw new InvalidRequestException("name", "a name can be given to one container only, and count is " + count);
        }
    }

    /**
     * Reads Capstan's body or the reference's StartBody ({@code image_url} accepted and ignored). {@code image} is the
     * path's image, which wins over the body's; null when the body must name it.
     */
    public static StartRequest from(Map<String, Object> body, String image) {
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw InvalidRequestException.unknown(key, "unknown field '" + key + "': use "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        Map<String, Object> fields = new HashMap<>(body);
        if (image != null) {
            fields.put("image", image);
        }
        Object url = body.get("image_url");
        if (url != null && !(url instanceof String)) {
            throw new InvalidRequestException("image_url", "expected a string");
        }
        CreateRequest container = CreateRequest.from(fields);
        Integer min = positive(body, "min_replicas");
        Integer max = positive(body, "max_replicas");
        Integer count = positive(body, "count");
        if (min != null && max != null) {
            DesiredRequest.checkRange(min, max);
        }
        return new StartRequest(container, count != null ? count : min != null ? min : 1, min, max);
    }

    /** Whether the request sets the image's replica range, and so becomes its desired state. */
    public boolean registers() {
        return minReplicas != null || maxReplicas != null;
    }

    private static Integer positive(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i && i >= 1) {
            return i;
        }
        throw new InvalidRequestException(field, value instanceof Integer
                ? "must be at least 1, got " + value : "expected a whole number >= 1, got " + value);
    }
}
