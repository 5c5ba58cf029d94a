package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.Outcome;
import io.capstan.control.store.HealthSnapshot;
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
    private static final java.util.regex.Pattern HISTORY_WINDOW = java.util.regex.Pattern.compile("(\\d+)([smhd])");

    private final ControlPlane plane;
    /** Serialized listings by image ("" for all), valid while the state's version is unchanged. */
    private final Map<String, Listing> listings = new java.util.concurrent.ConcurrentHashMap<>();

    private record Listing(long version, byte[] json) {
    }

    ContainerApi(ControlPlane plane) {
        this.plane = plane;
    }

    /** {@code POST /start/container}: create and start one container. */
    void create(Context ctx) {
        Map<String, Object> body = ApiJson.object(ctx.bodyAsBytes());
        CreateRequest request = CreateRequest.from(body);
        boolean desired = body.containsKey("min_replicas") || body.containsKey("max_replicas");
        Map<String, Object> answer = Responses.ok(plane.replicas().startOne(request, body));
        answer.put("desired_state_saved", desired);
        Responses.json(ctx, 201, answer);
    }

    /** {@code GET /containers}: every managed container, oldest first; {@code ?image=} narrows it to one image. */
    void list(Context ctx) {
        listing(ctx, ctx.queryParam("image"));
    }

    /** {@code GET /containers/{image}/instances}. */
    void instances(Context ctx) {
        listing(ctx, image(ctx));
    }

    /** Listings are polled far more often than containers change: serialize once per change of the state. */
    private void listing(Context ctx, String image) {
        String key = image == null ? "" : image;
        long version = plane.state().version();
        Listing cached = listings.get(key);
        if (cached == null || cached.version() != version) {
            cached = new Listing(version, ApiJson.bytes(image == null
                    ? plane.containers().list() : plane.containers().instances(image)));
            if (listings.size() > 1_000) {
                listings.clear();
            }
            listings.put(key, cached);
        }
        ctx.status(200).contentType("application/json").result(cached.json());
    }

    /** {@code GET /containers/instances/{id}/health}: a live sample, its class, and the recorded history. */
    void health(Context ctx) {
        ManagedContainer c = plane.containers().require(ctx.pathParam("id"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", c.id());
        answer.put("name", c.name());
        answer.put("image", c.image());
        answer.put("state", c.status());
        var live = plane.health().live(c);
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
        String value = ctx.queryParam("history");
        var window = value == null ? null : HISTORY_WINDOW.matcher(value.strip());
        if (window != null && window.matches()) {
            long n = Long.parseLong(window.group(1));
            Duration span = switch (window.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return plane.store().healthSince(id, java.time.Instant.now().minus(span)).reversed();
        }
        if (value != null && !value.isBlank() && !value.strip().matches("\\d+")) {
            throw new InvalidRequestException("history", "expected a count such as 20 or a window such as 30m, 6h or 7d, "
                    + "got '" + value + "'");
        }
        return plane.store().recentHealth(null, id, intQuery(ctx, "history", 20));
    }

    /** {@code POST /containers/{ref}/start}: one managed container by id or name, or every instance of an image. */
    void start(Context ctx) {
        String ref = image(ctx);
        Optional<ManagedContainer> one = single(ref);
        List<Outcome> outcomes = one.isPresent()
                ? List.of(Outcome.done(plane.containers().start(one.get().id()), "started"))
                : plane.containers().startImage(ref, plane.replicas().template(ref));
        answer(ctx, ref, outcomes);
    }

    /** {@code POST /containers/{ref}/stop?timeout=SECONDS}. */
    void stop(Context ctx) {
        String ref = image(ctx);
        Duration timeout = Duration.ofSeconds(intQuery(ctx, "timeout", (int) DEFAULT_STOP_TIMEOUT.toSeconds()));
        Optional<ManagedContainer> one = single(ref);
        if (one.isPresent()) {
            answer(ctx, ref, List.of(Outcome.done(plane.containers().stop(one.get().id(), timeout), "stopped")));
            return;
        }
        requireInstances(ref);
        answer(ctx, ref, plane.containers().stopImage(ref, timeout));
    }

    /** {@code DELETE /containers/{id}?force=true}. */
    void delete(Context ctx) {
        boolean force = Boolean.parseBoolean(ctx.queryParam("force"));
        ManagedContainer gone = plane.containers().delete(ctx.pathParam("id"), force);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("id", gone.id());
        answer.put("name", gone.name());
        answer.put("image", gone.image());
        answer.put("status", "removed");
        Responses.json(ctx, 200, answer);
    }

    /** {@code PUT /containers/{image}/resources} with {@code {"cpu_limit": ..., "memory_limit": ...}}. */
    void resources(Context ctx) {
        String image = image(ctx);
        Map<String, Object> body = ApiJson.object(ctx.bodyAsBytes());
        Object limits = body.containsKey("resources") ? body.get("resources") : body;
        ResourceLimits parsed = ResourceLimits.from(limits, body.containsKey("resources") ? "resources" : "body");
        if (plane.containers().instances(image).isEmpty() && plane.replicas().get(image).isEmpty()) {
            throw notFound(image);
        }
        answer(ctx, image, plane.replicas().updateResources(image, parsed));
    }

    /** 200 when every container did what was asked; the failure's status when all failed; 207 when some did. */
    private static void answer(Context ctx, String ref, List<Outcome> outcomes) {
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        int status = failed == 0 ? 200
                : failed == outcomes.size() ? ApiErrors.status(outcomes.getFirst().cause()) : 207;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", failed == 0);
        body.put("target", ref);
        body.put("results", outcomes.stream().map(ContainerApi::outcome).toList());
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

    private void requireInstances(String image) {
        if (plane.containers().instances(image).isEmpty()) {
            throw notFound(image);
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
        throw new InvalidRequestException(name, "expected a whole number >= 0, got '" + value + "'");
    }
}
