package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.store.EventRecord;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /events?image=&limit=&after=}: the recorded events (the {@code events} table), oldest first. Without
 * {@code after}, the newest {@code limit} (default 100); with it, those recorded after the event with that id, which is
 * how a client follows the table: it asks again with the last id it has.
 */
final class EventsApi {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final ControlPlane plane;

    EventsApi(ControlPlane plane) {
        this.plane = plane;
    }

    void list(Context ctx) {
        String image = ctx.queryParam("image");
        image = image == null || image.isBlank() ? null : image.strip();
        int limit = (int) number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long after = number(ctx, "after", -1, 0, Long.MAX_VALUE);
        List<EventRecord> events = after < 0 ? plane.store().listEvents(image, limit).reversed()
                : plane.store().eventsAfter(image, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", events.stream().map(EventsApi::json).toList());
        body.put("total", events.size());
        body.put("last_id", events.stream().mapToLong(EventRecord::id).max().orElse(Math.max(after, 0)));
        Responses.json(ctx, 200, body);
    }

    static Map<String, Object> json(EventRecord e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("ts", e.ts());
        m.put("event", e.event());
        m.put("image", e.image());
        m.put("container_id", e.containerId());
        m.put("name", e.name());
        m.put("status", e.status());
        m.put("ports", e.ports());
        m.put("host", e.host());
        return m;
    }

    private static long number(Context ctx, String name, long fallback, long min, long max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw InvalidRequestException.query(name, "expected a whole number from " + min + " to " + max + ", got '"
                + value + "'");
    }
}
