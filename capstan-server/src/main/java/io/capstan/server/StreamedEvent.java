package io.capstan.server;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.HealthSnapshot;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One message of the event stream: a stored event (with the store's id, so a client can resume after it) or a change
 * of a container's health class (live only, no id).
 *
 * @param id    the store's event id, or 0 for a health change
 * @param kind  {@code lifecycle}, {@code reconcile}, {@code autoscale} or {@code health}: the SSE event name
 * @param image the image, for filtering
 * @param data  the JSON object sent
 */
record StreamedEvent(long id, String kind, String image, Map<String, Object> data) {
    static final Set<String> KINDS = Set.of("lifecycle", "reconcile", "autoscale", "health", "stacks", "kernels");
    private static final Set<String> LIFECYCLE = Set.of("create", "start", "stop", "remove", "pause", "unpause",
            "update", "rename", "oom");

    /** A stored event; {@code now} is the container as the control plane sees it now (null when gone). */
    static StreamedEvent of(EventRecord e, ManagedContainer now) {
        String kind = LIFECYCLE.contains(e.event()) ? "lifecycle" : "autoscale".equals(e.event()) ? "autoscale" : "reconcile";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", e.id());
        data.put("kind", kind);
        data.put("event", e.event());
        data.put("image", e.image());
        data.put("container_id", e.containerId());
        data.put("name", e.name());
        data.put("status", e.status());
        data.put("ts", e.ts().toString());
        data.put("container", now == null ? null : Wire.container(now));
        return new StreamedEvent(e.id(), kind, e.image(), data);
    }

    /** A container whose health class or healthcheck verdict changed between two samples. */
    static StreamedEvent health(HealthSnapshot s, String before, ManagedContainer now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "health");
        data.put("event", "health");
        data.put("image", s.image());
        data.put("container_id", s.containerId());
        data.put("name", s.name());
        data.put("status", s.status());
        data.put("previous", before);
        data.put("engine_health", s.engineHealth());
        data.put("cpu_usage", s.cpuUsage());
        data.put("memory_usage", s.memoryUsage());
        data.put("ts", s.ts().toString());
        data.put("container", now == null ? null : Wire.container(now));
        return new StreamedEvent(0, "health", s.image(), data);
    }

    /**
     * A stack's or a kernel's container changed ({@code kind} {@code stacks} or {@code kernels}; live only, no id):
     * the dashboard reloads that list.
     */
    static StreamedEvent workloadChange(String kind, String event, String name, java.time.Instant ts) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind);
        data.put("event", event);
        data.put("name", name);
        data.put("ts", ts.toString());
        return new StreamedEvent(0, kind, null, data);
    }

    /** The message as the SSE wire format writes it. */
    byte[] wire() {
        StringBuilder out = new StringBuilder();
        if (id > 0) {
            out.append("id: ").append(id).append('\n');
        }
        out.append("event: ").append(kind).append('\n');
        out.append("data: ").append(new String(ApiJson.bytes(data), StandardCharsets.UTF_8)).append("\n\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
