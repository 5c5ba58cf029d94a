package io.capstan.control.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An image's autoscaling policy, as Kubernetes' HPA holds one: the replica count moves between min and max so that
 * the replicas' average CPU stays near the target; a scale-up must have been recommended for the whole
 * {@code scaleUpWindow}, a scale-down for the whole {@code scaleDownWindow}.
 *
 * @param targetCpuPercent average CPU per replica to hold, in percent of its CPU limit (of one CPU when unlimited)
 */
public record Autoscale(double targetCpuPercent, Duration scaleUpWindow, Duration scaleDownWindow) {
    public static final Duration DEFAULT_UP_WINDOW = Duration.ZERO;
    public static final Duration DEFAULT_DOWN_WINDOW = Duration.ofMinutes(5);

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target_cpu_percent", targetCpuPercent);
        json.put("scale_up_window_seconds", scaleUpWindow.toSeconds());
        json.put("scale_down_window_seconds", scaleDownWindow.toSeconds());
        return json;
    }

    /** Reads what {@link #toJson()} wrote; null for null. */
    public static Autoscale fromJson(Map<String, Object> json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        return new Autoscale(((Number) json.get("target_cpu_percent")).doubleValue(),
                Duration.ofSeconds(((Number) json.getOrDefault("scale_up_window_seconds", 0)).longValue()),
                Duration.ofSeconds(((Number) json.getOrDefault("scale_down_window_seconds",
                        DEFAULT_DOWN_WINDOW.toSeconds())).longValue()));
    }
}
