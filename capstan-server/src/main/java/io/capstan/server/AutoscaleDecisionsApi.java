package io.capstan.server;

import io.capstan.control.store.Store;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /autoscale/decisions}: each image's last autoscaler decision, as the autoscaler recorded it. */
final class AutoscaleDecisionsApi {
    private final Store store;

    AutoscaleDecisionsApi(Store store) {
        this.store = store;
    }

    Route route() {
        return new Route(HandlerType.GET, "/autoscale/decisions", "The autoscaler's last decision for each image it "
                + "has scaled (the newest stored autoscale event)", this::list, Map.of(), null,
                Map.of(200, "{decisions: [{image, ts, decision, event_id}]}"));
    }

    private void list(Context ctx) {
        var decisions = store.latestPerImage("autoscale").stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", e.image());
            m.put("ts", e.ts());
            m.put("decision", e.status());
            m.put("event_id", e.id());
            return m;
        }).toList();
        Responses.json(ctx, 200, Map.of("decisions", decisions));
    }
}
