package io.capstan.control.registry;

import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.store.RegistryEndpoint;
import io.capstan.control.store.Store;
import io.capstan.core.error.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service registry: endpoints a client registers ({@code POST /registry/endpoints}), marks up or down, and
 * removes. Kept in the store, so a restarted control plane still knows them.
 */
public final class Registry {
    private static final List<String> CAPS = List.of("cpu", "mem");

    private final Store store;
    private final Clock clock;

    public Registry(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What a registration asks for, checked field by field. */
    public record Registration(String id, String imageId, String host, int port, Map<String, Object> caps) {
        /** Reads {@code {id, image_id, host, port, caps?: {cpu?, mem?}}}; every problem names its field. */
        public static Registration from(Map<String, Object> body) {
            String id = text(body, "id");
            String imageId = text(body, "image_id");
            String host = text(body, "host");
            Object port = body.get("port");
            if (port == null) {
                throw new InvalidRequestException("port", "required: the endpoint's TCP port, 1-65535");
            }
            if (!(port instanceof Integer p) || p < 1 || p > 65535) {
                throw new InvalidRequestException("port", "expected a TCP port 1-65535, got " + port);
            }
            Object caps = body.get("caps");
            Map<String, Object> kept = null;
            if (caps != null) {
                if (!(caps instanceof Map<?, ?> map)) {
                    throw new InvalidRequestException("caps", "expected an object such as {\"cpu\": 2, \"mem\": 4096}");
                }
                kept = new LinkedHashMap<>();
                for (String key : CAPS) {
                    Object v = map.get(key);
                    if (v != null && !(v instanceof Number) && !(v instanceof String)) {
                        throw new InvalidRequestException("caps." + key, "expected a number or a string, got " + v);
                    }
                    if (v != null) {
                        kept.put(key, v);
                    }
                }
            }
            return new Registration(id, imageId, host, (Integer) port, kept);
        }

        private static String text(Map<String, Object> body, String field) {
            Object v = body.get(field);
            if (v == null) {
                throw new InvalidRequestException(field, "required: a string");
            }
            if (!(v instanceof String s) || s.isBlank()) {
                throw new InvalidRequestException(field, "expected a non-empty string, got " + v);
            }
            return s.strip();
        }
    }

    /** Registers the endpoint, or replaces the one with the same id; it is {@code UP} with a heartbeat of now. */
    public RegistryEndpoint upsert(Registration r) {
        RegistryEndpoint e = new RegistryEndpoint(r.id(), r.imageId(), r.host(), r.port(), r.caps(), RegistryEndpoint.UP,
                now());
        store.upsertEndpoint(e);
        return e;
    }

    /** Removes it, or {@link NotFoundException}. */
    public void delete(String id) {
        if (!store.deleteEndpoint(id)) {
            throw notFound(id);
        }
    }

    /** Sets {@code UP} or {@code DOWN} (any case), with a heartbeat of now. */
    public RegistryEndpoint setStatus(String id, String status) {
        String s = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
        if (!s.equals(RegistryEndpoint.UP) && !s.equals(RegistryEndpoint.DOWN)) {
            throw status == null
                    ? InvalidRequestException.query("status", "required: UP or DOWN")
                    : InvalidRequestException.query("status", "expected UP or DOWN, got '" + status + "'");
        }
        RegistryEndpoint e = store.endpoint(id).orElseThrow(() -> notFound(id)).withStatus(s, now());
        store.upsertEndpoint(e);
        return e;
    }

    public List<RegistryEndpoint> list() {
        return store.listEndpoints();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("endpoint", id, "Endpoint '" + id + "' not found", null);
    }
}
