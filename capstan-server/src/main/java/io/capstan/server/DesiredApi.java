package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.Outcome;
import io.capstan.control.store.DesiredImage;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The desired-state routes: how many replicas of an image to keep, made how, and autoscaled how. */
final class DesiredApi {
    private final ControlPlane plane;

    DesiredApi(ControlPlane plane) {
        this.plane = plane;
    }

    /** {@code GET /desired}: every image's desired state. */
    void list(Context ctx) {
        Responses.json(ctx, 200, plane.replicas().list().stream().map(this::json).toList());
    }

    /** {@code GET /containers/{image}/desired}. */
    void get(Context ctx) {
        String image = ContainerApi.image(ctx);
        Responses.json(ctx, 200, json(plane.replicas().get(image).orElseThrow(() -> notFound(image))));
    }

    /** {@code PUT /containers/{image}/desired}: replaces it; the reconciler converges. */
    void put(Context ctx) {
        String image = ContainerApi.image(ctx);
        boolean existed = plane.replicas().get(image).isPresent();
        DesiredImage d = plane.replicas().put(image, ApiJson.object(ctx.bodyAsBytes()));
        Responses.json(ctx, existed ? 200 : 201, json(d));
    }

    /** {@code POST /containers/{image}/scale} with {@code {"replicas": N}} (and optionally a new min and max). */
    void scale(Context ctx) {
        String image = ContainerApi.image(ctx);
        Responses.json(ctx, 200, json(plane.replicas().scale(image, ApiJson.object(ctx.bodyAsBytes()))));
    }

    /** {@code DELETE /containers/{image}/desired}: stops managing the image; its replicas are removed. */
    void delete(Context ctx) {
        String image = ContainerApi.image(ctx);
        List<Outcome> removed = plane.replicas().delete(image);
        boolean ok = removed.stream().allMatch(Outcome::ok);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", ok);
        body.put("image", image);
        body.put("removed", removed.stream().filter(Outcome::ok).map(Outcome::id).toList());
        if (!ok) {
            body.put("failed", removed.stream().filter(o -> !o.ok())
                    .map(o -> Map.of("id", o.id(), "message", o.cause().getMessage())).toList());
        }
        Responses.json(ctx, ok ? 200 : ApiErrors.status(removed.stream().filter(o -> !o.ok()).findFirst()
                .orElseThrow().cause()), body);
    }

    /** The desired state with how many of its replicas run and how many wait out a crash loop. */
    private Map<String, Object> json(DesiredImage d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.putAll(shape(d));
        List<ManagedContainer> instances = plane.containers().instances(d.image());
        m.put("running", instances.stream().filter(ManagedContainer::isRunning).count());
        m.put("crashloop", instances.stream().filter(c -> "crashloop".equals(c.status())).count());
        return m;
    }

    /** A desired state as JSON, wherever the API shows one. */
    static Map<String, Object> shape(DesiredImage d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", d.image());
        m.put("min_replicas", d.minReplicas());
        m.put("max_replicas", d.maxReplicas());
        m.put("replicas", d.replicas());
        m.put("env", d.env());
        m.put("ports", d.ports());
        m.put("resources", d.resources());
        m.put("command", d.command());
        m.put("autoscale", d.autoscale() == null ? null : d.autoscale().toJson());
        m.put("stopped", d.stopped());
        m.put("updated_at", d.updatedAt());
        return m;
    }

    private static io.capstan.core.error.NotFoundException notFound(String image) {
        return new io.capstan.core.error.NotFoundException("desired state", image,
                "no desired state for image '" + image + "'", null);
    }
}
