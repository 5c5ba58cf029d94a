package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.Outcome;
import io.capstan.control.health.EngineDisk;
import io.capstan.control.health.HealthMonitor;
import io.capstan.control.replicas.ReplicaChange;
import io.capstan.control.replicas.StartRequest;
import io.capstan.control.store.HealthSnapshot;
import io.capstan.core.error.CapstanException;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.core.error.NotFoundException;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The container routes of the seed system, over {@link io.capstan.control.managed.ManagedContainers}. */
final class ContainerApi {
    private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ControlPlane plane;
    /** Serialized listings by image ("" for all), valid while the state's version is unchanged. */
    private final Map<String, Listing> listings = new java.util.concurrent.ConcurrentHashMap<>();

    private record Listing(long version, byte[] json) {
    }

    ContainerApi(ControlPlane plane) {
        this.plane = plane;
    }

    /**
     * {@code POST /start/container}: create and start {@code count} containers (else {@code min_replicas}, else one),
     * all or none; 200 with the reference's {@code {ok, action, image, container_id, name, status, ports,
     * desired_state_saved}} of the first, Capstan's fields of it beside them, and every container made.
     */
    void create(Context ctx) {
        Map<String, Object> body = ApiJson.object(ctx.bodyAsBytes());
        StartRequest request = StartRequest.from(body, null);
        ReplicaChange change = plane.replicas().start(request);
        List<ManagedContainer> made = change.outcomes().stream()
                .map(o -> plane.state().get(o.id()).orElseGet(() -> plane.containers().refresh(o.id()))).toList();
        ManagedContainer first = made.getFirst();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("action", "created");
        answer.put("image", first.image());
        answer.put("container_id", first.id());
        answer.put("name", first.name());
        answer.put("status", Wire.engineStatus(first));
        answer.put("ports", first.ports());
        answer.put("desired_state_saved", request.registers());
        Wire.container(first).forEach(answer::putIfAbsent);
        answer.put("container_ids", made.stream().map(ManagedContainer::id).toList());
        answer.put("containers", made.stream().map(Wire::container).toList());
        if (change.desiredReplicas() != null) {
            answer.put("desired_replicas", change.desiredReplicas());
        }
        Responses.json(ctx, 200, answer);
    }

    /**
     * {@code GET /containers}: {@code {"containers": [...], "total": n}}, every managed container oldest first;
     * {@code ?image=} narrows it to one image.
     */
    void list(Context ctx) {
        String image = ctx.queryParam("image");
        listing(ctx, "containers/" + (image == null ? "" : image), () -> {
            List<ManagedContainer> all = image == null ? plane.containers().list() : plane.containers().instances(image);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("containers", all.stream().map(Wire::container).toList());
            body.put("total", all.size());
            return body;
        });
    }

    /** {@code GET /containers/{image}/instances}: {@code {"instances": [{id, status, endpoint, resources, ...}]}}. */
    void instances(Context ctx) {
        String image = image(ctx);
        listing(ctx, "instances/" + image, () -> {
            List<ManagedContainer> all = plane.containers().instances(image);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("instances", all.stream().map(Wire::instance).toList());
            body.put("image", image);
            body.put("total", all.size());
            return body;
        });
    }

    /** Listings are polled far more often than containers change: serialize once per change of the state. */
    private void listing(Context ctx, String key, java.util.function.Supplier<Object> body) {
        long version = plane.state().version();
        Listing cached = listings.get(key);
        if (cached == null || cached.version() != version) {
            cached = new Listing(version, ApiJson.bytes(body.get()));
            if (listings.size() > 1_000) {
                listings.clear();
            }
            listings.put(key, cached);
        }
        ctx.status(200).contentType("application/json").result(cached.json());
    }

    /** {@code GET /containers/instances/{id}/health}: a live sample, its class, and the recorded history. */
    void health(Context ctx) {
        String id = ctx.pathParam("id");
        ManagedContainer c;
        try {
            c = plane.containers().require(id);
        } catch (NotFoundException e) {
            Map<String, Object> body = ApiErrors.notFound(id, e.getMessage());
            body.put("detail", "Instance '" + id + "' not found");
            Responses.json(ctx, 404, body);
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", c.id());
        answer.put("name", c.name());
        answer.put("image", c.image());
        answer.put("state", c.status());
        HealthMonitor.Live live;
        try {
            live = plane.health().latest(c);
        } catch (NotFoundException gone) {
            throw gone;
        } catch (CapstanException e) {
            // Running, but the engine gave no figures: the reference's client reads which are missing.
            live = new HealthMonitor.Live(new HealthSnapshot(0, c.image(), c.id(), c.name(), c.host(), 0, 0,
                    EngineDisk.measure().percent(), null, plane.rule().classify(c.isRunning(), 0, 0), c.health(),
                    java.time.Instant.now()), null);
            answer.put("errors", List.of("cpu_usage_unavailable", "memory_usage_unavailable"));
        }
        if (live.stats() != null) {
            answer.put("memory_bytes", live.stats().memoryUsage());
            answer.put("memory_limit", live.stats().memoryLimit());
            answer.put("network_rx", live.stats().networkRx());
            answer.put("network_tx", live.stats().networkTx());
        }
        answer.put("status", live.sample().status());
        answer.put("cpu_usage", live.sample().cpuUsage());
        answer.put("memory_usage", live.sample().memoryUsage());
        answer.put("disk_usage", live.sample().diskUsage());
        answer.put("disk_layer_bytes", live.sample().diskLayerBytes());
        answer.put("engine_health", c.health());
        answer.put("ts", live.sample().ts());
        answer.put("history", history(ctx, c.id()));
        Responses.json(ctx, 200, answer);
    }

    /**
     * The recorded samples {@code ?history=} asks for: the newest N (default 20), or a window such as {@code 30m},
     * {@code 6h} or {@code 7d}, newest first either way.
     */
    private List<HealthSnapshot> history(Context ctx, String id) {
        HistoryQuery query = HistoryQuery.parse(ctx.queryParam("history"), java.time.Instant.now());
        return query.since() != null ? plane.store().healthSince(id, query.since()).reversed()
                : plane.store().recentHealth(null, id, query.count());
    }

    /**
     * {@code POST /containers/{ref}/start}: a managed container by id or name; or, for an image, with a StartBody the
     * new containers it asks for (all or none), without one every stopped instance (an image with none gets one).
     * Answers {@code {"started": [ids]}} with each container's outcome beside it.
     */
    void start(Context ctx) {
        String ref = image(ctx);
        Map<String, Object> body = ApiJson.object(ctx.bodyAsBytes());
        Optional<ManagedContainer> one = single(ref);
        ReplicaChange change;
        if (one.isPresent()) {
            change = plane.replicas().start(one.get());
        } else {
            requireImageOrInstances(ref);
            change = body.isEmpty() ? plane.replicas().startImage(ref)
                    : plane.replicas().start(StartRequest.from(body, ref));
        }
        answer(ctx, ref, change, "started", change.outcomes().stream().filter(Outcome::ok).map(Outcome::id).toList());
    }

    /**
     * {@code POST /containers/{ref}/stop?timeout=SECONDS}: the managed container the body's {@code instanceId} names,
     * else the one {@code ref} names, else every running instance of the image {@code ref}. Answers
     * {@code {"stopped": true}} with each container's outcome beside it.
     */
    void stop(Context ctx) {
        String ref = image(ctx);
        Duration timeout = Duration.ofSeconds(intQuery(ctx, "timeout", (int) DEFAULT_STOP_TIMEOUT.toSeconds()));
        Map<String, Object> body = ApiJson.object(ctx.bodyAsBytes());
        Object instance = body.containsKey("instanceId") ? body.get("instanceId") : body.get("instance_id");
        ReplicaChange change;
        if (instance != null) {
            if (!(instance instanceof String id) || id.isBlank()) {
                throw new InvalidRequestException("instanceId", "expected a container id or name");
            }
            ref = id.strip();
            change = plane.replicas().stop(plane.containers().require(ref), timeout);
        } else {
            Optional<ManagedContainer> one = single(ref);
            if (one.isPresent()) {
                change = plane.replicas().stop(one.get(), timeout);
            } else {
                requireImageOrInstances(ref);
                change = plane.replicas().stopImage(ref, timeout);
            }
        }
        answer(ctx, ref, change, "stopped", change.ok());
    }

    /** {@code DELETE /containers/{id}?force=true}: {@code {"deleted": true, "container_id", "name"}}. */
    void delete(Context ctx) {
        boolean force = LogsApi.flag(ctx, "force");
        ManagedContainer c = plane.containers().require(ctx.pathParam("id"));
        ReplicaChange change = plane.replicas().delete(c, force);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deleted", true);
        answer.put("container_id", c.id());
        answer.put("name", c.name());
        answer.put("ok", true);
        answer.put("id", c.id());
        answer.put("image", c.image());
        answer.put("status", "removed");
        if (change.desiredReplicas() != null) {
            answer.put("desired_replicas", change.desiredReplicas());
        }
        Responses.json(ctx, 200, answer);
    }

    /** {@code PUT /containers/{image}/resources} with {@code {"cpu_limit": ..., "memory_limit": ...}}. */
    void resources(Context ctx) {
        String image = image(ctx);
        Map<String, Object> body = ApiJson.object(ctx.bodyAsBytes());
        Object limits = body.containsKey("resources") ? body.get("resources") : body;
        String field = body.containsKey("resources") ? "resources" : "body";
        ResourceLimits parsed = ResourceLimits.from(limits, field);
        if (plane.containers().instances(image).isEmpty() && plane.replicas().get(image).isEmpty()) {
            throw notFound(image);
        }
        List<Outcome> outcomes = plane.replicas().updateResources(image, parsed, field);
        answer(ctx, image, new ReplicaChange(outcomes, null), "updated",
                outcomes.stream().filter(Outcome::ok).map(Outcome::id).toList());
    }

    /**
     * The reference's key first ({@code started}, {@code stopped}, {@code updated}), then Capstan's {@code ok, target,
     * results} and the desired count. 200 when every container did what was asked; the failure's status when all
     * failed; 207 when some did.
     */
    private static void answer(Context ctx, String ref, ReplicaChange change, String key, Object value) {
        List<Outcome> outcomes = change.outcomes();
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        int status = failed == 0 ? 200
                : failed == outcomes.size() ? ApiErrors.status(outcomes.getFirst().cause()) : 207;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, value);
        body.put("ok", failed == 0);
        body.put("target", ref);
        body.put("results", outcomes.stream().map(ContainerApi::outcome).toList());
        if (change.desiredReplicas() != null) {
            body.put("desired_replicas", change.desiredReplicas());
        }
        if (failed > 0) {
            Outcome first = outcomes.stream().filter(o -> !o.ok()).findFirst().orElseThrow();
            body.put("detail", failed + " of " + outcomes.size() + " failed: "
                    + (first.name() == null ? "" : first.name() + ": ") + first.cause().getMessage());
        }
        Responses.json(ctx, status, body);
    }

    private static Map<String, Object> outcome(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("action", o.action());
        m.put("ok", o.ok());
        if (o.ok()) {
            m.put("status", o.status());
        } else {
            m.put("error", ApiErrors.kind(ApiErrors.status(o.cause())));
            m.put("message", o.cause().getMessage());
        }
        return m;
    }

    /** The managed container {@code ref} names, when it names one rather than an image. */
    private Optional<ManagedContainer> single(String ref) {
        return plane.state().find(ref);
    }

    /** A ref that is neither a managed container nor an image with instances or on the engine is 404, and nothing is made. */
    private void requireImageOrInstances(String ref) {
        if (!plane.containers().instances(ref).isEmpty() || plane.replicas().get(ref).isPresent()) {
            return;
        }
        try {
            plane.engine().images().inspect(ref);
        } catch (NotFoundException e) {
            throw new NotFoundException("image", ref, "'" + ref + "' is neither a managed container nor an image on "
                    + "the engine", e);
        }
    }

    private static NotFoundException notFound(String image) {
        return new NotFoundException("image", image, "no managed containers of image '" + image + "'", null);
    }

    /** The image a route is about: the {@code image} query parameter, else the path segment (URL-decoded). */
    static String image(Context ctx) {
        String query = ctx.queryParam("image");
        if (query != null && !query.isBlank()) {
            return query.strip();
        }
        String path = ctx.pathParamMap().get("image");
        if (path == null || path.isBlank()) {
            throw new InvalidRequestException("image", "required: give it in the path or as ?image=");
        }
        return path;
    }

    private static int intQuery(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw InvalidRequestException.query(name, "expected a whole number >= 0, got '" + value + "'");
    }
}
