package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.registry.Registry;
import io.capstan.control.store.RegistryEndpoint;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** The service registry's routes: endpoints registered, marked UP or DOWN, and removed; kept in the store. */
final class RegistryApi {
    private final ControlPlane plane;

    RegistryApi(ControlPlane plane) {
        this.plane = plane;
    }

    /** {@code POST /registry/endpoints}: registers (or replaces) an endpoint; it is UP with a heartbeat of now. */
    void upsert(Context ctx) {
        var registration = Registry.Registration.from(ApiJson.object(ctx.bodyAsBytes()));
        Responses.json(ctx, 200, json(plane.registry().upsert(registration)));
    }

    /** {@code GET /registry/endpoints}: every endpoint. */
    void list(Context ctx) {
        Responses.json(ctx, 200, Map.of("endpoints", plane.registry().list().stream().map(RegistryApi::json).toList()));
    }

    /** {@code DELETE /registry/endpoints/{endpoint_id}}. */
    void delete(Context ctx) {
        String id = ctx.pathParam("endpoint_id");
        plane.registry().delete(id);
        Responses.json(ctx, 200, Map.of("ok", true, "id", id));
    }

    /** {@code PUT /registry/endpoints/{endpoint_id}/status?status=UP|DOWN} (a query parameter, not a body). */
    void status(Context ctx) {
        Responses.json(ctx, 200, json(plane.registry().setStatus(ctx.pathParam("endpoint_id"), ctx.queryParam("status"))));
    }

    static Map<String, Object> json(RegistryEndpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("image_id", e.imageId());
        m.put("host", e.host());
        m.put("port", e.port());
        m.put("caps", e.caps());
        m.put("status", e.status());
        m.put("last_heartbeat", e.lastHeartbeat().toString());
        return m;
    }
}
