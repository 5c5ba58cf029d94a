package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.core.error.CapstanException;
import io.capstan.core.model.EngineInfo;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Health of the control plane itself, the host's resources, and the engine's images. */
final class SystemApi {
    private final ControlPlane plane;
    private final Instant started = Instant.now();
    private final String version;

    SystemApi(ControlPlane plane, String version) {
        this.plane = plane;
        this.version = version;
    }

    /** {@code GET /health}: 200 while the engine's event stream is up, 503 when the engine is lost. */
    void health(Context ctx) {
        boolean up = plane.engineConnected();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(up));
        body.put("engine", up ? "up" : "down");
        body.put("database", plane.events().databaseReachable() ? "up" : "down");
        Responses.json(ctx, up ? 200 : 503, body);
    }

    /** {@code GET /health/detailed}: the same, with what the engine and the database say. */
    void detailed(Context ctx) {
        boolean up = plane.engineConnected();
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("connected", up);
        try {
            EngineInfo info = plane.engine().info();
            engine.put("endpoint", info.endpoint());
            engine.put("product", info.product());
            engine.put("version", info.version());
            engine.put("containers", info.containers());
            engine.put("containers_running", info.containersRunning());
        } catch (CapstanException e) {
            engine.put("connected", false);
            engine.put("error", e.getMessage());
            up = false;
        }
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("location", plane.store().location());
        database.put("reachable", plane.events().databaseReachable());
        database.put("events_queued", plane.events().pending());
        database.put("last_error", plane.events().lastError());
        List<ManagedContainer> all = plane.containers().list();
        Map<String, Object> managed = new LinkedHashMap<>();
        managed.put("containers", all.size());
        managed.put("running", all.stream().filter(ManagedContainer::isRunning).count());
        managed.put("images", all.stream().map(ManagedContainer::image).distinct().count());
        managed.put("desired_images", plane.replicas().list().size());
        Map<String, Object> sampling = new LinkedHashMap<>();
        var cycle = plane.health().lastCycle();
        sampling.put("last_cycle_at", cycle == null ? null : cycle.at());
        sampling.put("last_cycle_ms", cycle == null ? null : cycle.took().toMillis());
        sampling.put("last_cycle_sampled", cycle == null ? null : cycle.sampled());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(up));
        body.put("version", version);
        body.put("host", plane.host());
        body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
        body.put("engine", engine);
        body.put("database", database);
        body.put("managed", managed);
        body.put("health_sampling", sampling);
        Responses.json(ctx, up ? 200 : 503, body);
    }

    /** {@code unavailable} without the engine, {@code degraded} without the database (events wait), else {@code ok}. */
    private String status(boolean engineUp) {
        return !engineUp ? "unavailable" : plane.events().databaseReachable() ? "ok" : "degraded";
    }

    /** {@code GET /system/resources}. */
    void resources(Context ctx) {
        Map<String, Object> body = HostResources.snapshot();
        List<ManagedContainer> all = plane.containers().list();
        body.put("containers", Map.of("managed", all.size(),
                "running", all.stream().filter(ManagedContainer::isRunning).count()));
        Responses.json(ctx, 200, body);
    }

    /** {@code GET /images}: the engine's images, with how many managed instances each has and its desired state. */
    void images(Context ctx) {
        Map<String, List<ManagedContainer>> byImage = plane.containers().list().stream()
                .collect(Collectors.groupingBy(ManagedContainer::image));
        var desired = plane.replicas().list().stream()
                .collect(Collectors.toMap(d -> d.image(), DesiredApi::shape, (a, b) -> a));
        var distinct = new LinkedHashMap<String, io.capstan.core.model.ImageInfo>();
        plane.engine().images().list().forEach(image -> distinct.putIfAbsent(image.id(), image));
        List<Map<String, Object>> images = distinct.values().stream().map(image -> {
            List<ManagedContainer> instances = image.repoTags().stream()
                    .flatMap(tag -> byImage.getOrDefault(tag, List.of()).stream()).toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", image.id());
            m.put("tags", image.repoTags());
            m.put("size", image.size());
            m.put("created", image.created());
            m.put("instances", instances.size());
            m.put("running", instances.stream().filter(ManagedContainer::isRunning).count());
            m.put("desired", image.repoTags().stream().map(desired::get).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null));
            return m;
        }).toList();
        Responses.json(ctx, 200, images);
    }
}
