package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.HealthSnapshot;
import io.capstan.control.managed.InvalidRequestException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code GET /events/stream}: server-sent events as they happen — lifecycle, reconcile and autoscale events as the
 * store records them, and health-class changes as the health monitor sees them. A client that reconnects with
 * {@code Last-Event-ID} gets every stored event after that id from the store first, then the live ones, with none
 * twice. A client too slow to keep up is disconnected (it resumes from the store when it reconnects) rather than
 * held in memory without bound.
 */
final class EventStream implements AutoCloseable {
    static final String PATH = "/events/stream";
    private static final int QUEUE = 10_000;
    private static final int PAGE = 500;
    private static final int MAX_HISTORY = 1000;
    private static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);

    private final ControlPlane plane;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Each container's sample at the last cycle: its health class and healthcheck verdict. */
    private final Map<String, HealthSnapshot> lastHealth = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A message as queued for every subscriber that wants it: written in the wire format once, not once each. */
    private record Message(StreamedEvent event, byte[] wire) {
    }

    private static final class Subscriber {
        final BlockingQueue<Message> queue = new LinkedBlockingQueue<>(QUEUE);
        final String image;
        final Set<String> kinds;
        volatile boolean overflowed;

        Subscriber(String image, Set<String> kinds) {
            this.image = image;
            this.kinds = kinds;
        }

        boolean wants(StreamedEvent e) {
            return (image == null || image.equals(e.image())) && (kinds.isEmpty() || kinds.contains(e.kind()));
        }

        void offer(Message m) {
            if (wants(m.event()) && !queue.offer(m)) {
                overflowed = true;
            }
        }
    }

    EventStream(ControlPlane plane) {
        this.plane = plane;
        plane.events().onWritten(e -> publish(StreamedEvent.of(e, current(e))));
        plane.health().afterEachCycle(this::healthChanges);
    }

    Route route() {
        return new Route(HandlerType.GET, PATH, "Server-sent events as they happen: lifecycle, reconcile, autoscale "
                + "and health-class changes (SSE event names), and 'stacks' or 'kernels' when a stack's or a kernel's "
                + "container changes. Each stored event has an id: reconnecting with "
                + "Last-Event-ID resumes from the store without loss", this::serve,
                Map.of("history", "without Last-Event-ID: first the newest N stored events (0 to 1000, default 0)",
                        "image", "only this image's events", "kind", "only these kinds, comma-separated: lifecycle, "
                        + "reconcile, autoscale, health, stacks, kernels"), null,
                Map.of(200, "text/event-stream; each data line is {id, kind, event, image, container_id, name, status, "
                        + "ts, container}", 422, "an unknown kind or a Last-Event-ID that is not a number"));
    }

    private io.capstan.control.managed.ManagedContainer current(EventRecord e) {
        return e.containerId() == null ? null : plane.state().get(e.containerId()).orElse(null);
    }

    void publish(StreamedEvent event) {
        if (!subscribers.isEmpty()) {
            Message message = new Message(event, event.wire());
            subscribers.forEach(s -> s.offer(message));
        }
    }

    private void healthChanges(List<HealthSnapshot> samples) {
        Set<String> seen = new java.util.HashSet<>();
        for (HealthSnapshot s : samples) {
            seen.add(s.containerId());
            HealthSnapshot before = lastHealth.put(s.containerId(), s);
            if (before != null && !(before.status().equals(s.status())
                    && java.util.Objects.equals(before.engineHealth(), s.engineHealth()))) {
                publish(StreamedEvent.health(s, before.status(), plane.state().get(s.containerId()).orElse(null)));
            }
        }
        lastHealth.keySet().retainAll(seen);
    }

    /** Every container's health class as last sampled, so that a new client starts from it (previous: null). */
    private void currentHealth(OutputStream out, Subscriber sub) throws IOException {
        for (HealthSnapshot s : lastHealth.values()) {
            StreamedEvent event = StreamedEvent.health(s, null, plane.state().get(s.containerId()).orElse(null));
            if (sub.wants(event)) {
                out.write(event.wire());
            }
        }
        out.flush();
    }

    private void serve(Context ctx) throws Exception {
        long resumeAfter = lastEventId(ctx);
        int historyCount = history(ctx);
        Subscriber sub = new Subscriber(ctx.queryParam("image"), kinds(ctx.queryParam("kind")));
        subscribers.add(sub); // before reading the store, so that nothing falls between the two
        try {
            var res = ctx.res();
            res.setStatus(200);
            res.setContentType("text/event-stream");
            res.setCharacterEncoding("UTF-8");
            res.setHeader("Cache-Control", "no-cache");
            res.setHeader("X-Accel-Buffering", "no");
            OutputStream out = res.getOutputStream();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long sent = resumeAfter >= 0 ? replay(out, sub, resumeAfter) : history(out, sub, historyCount);
            currentHealth(out, sub);
            long lastWrite = System.nanoTime();
            List<Message> due = new ArrayList<>();
            while (!closed && !sub.overflowed) {
                Message next = sub.queue.poll(1, TimeUnit.SECONDS);
                if (next == null) {
                    if (System.nanoTime() - lastWrite > KEEPALIVE_NANOS) {
                        out.write(KEEPALIVE);
                        out.flush();
                        lastWrite = System.nanoTime();
                    }
                    continue;
                }
                // whatever queued up meanwhile goes out with it, in one flush rather than one each
                due.add(next);
                sub.queue.drainTo(due);
                for (Message m : due) {
                    if (m.event().id() <= 0 || m.event().id() > sent) { // else the replay sent it already
                        out.write(m.wire());
                    }
                }
                out.flush();
                due.clear();
                lastWrite = System.nanoTime();
            }
        } catch (IOException clientGone) {
            // the client disconnected: nothing to do
        } finally {
            subscribers.remove(sub);
        }
    }

    /** Sends the stored events after {@code after}; returns the last id sent. */
    private long replay(OutputStream out, Subscriber sub, long after) throws IOException {
        long sent = after;
        while (true) {
            List<EventRecord> page = plane.store().eventsAfter(sub.image, sent, PAGE);
            for (EventRecord e : page) {
                StreamedEvent event = StreamedEvent.of(e, current(e));
                if (sub.wants(event)) {
                    out.write(event.wire());
                }
                sent = e.id();
            }
            out.flush();
            if (page.size() < PAGE) {
                return sent;
            }
        }
    }

    /** Sends the newest {@code count} stored events, oldest first; returns the last id sent (0 for none). */
    private long history(OutputStream out, Subscriber sub, int count) throws IOException {
        long sent = 0;
        if (count > 0) {
            for (EventRecord e : plane.store().listEvents(sub.image, count).reversed()) {
                StreamedEvent event = StreamedEvent.of(e, current(e));
                if (sub.wants(event)) {
                    out.write(event.wire());
                }
                sent = Math.max(sent, e.id());
            }
            out.flush();
        }
        return sent;
    }

    private static int history(Context ctx) {
        String value = ctx.queryParam("history");
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0 && n <= MAX_HISTORY) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidRequestException.query("history", "'" + value + "' is not a number of events: expected 0 to "
                + MAX_HISTORY);
    }

    private static long lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw InvalidRequestException.header("Last-Event-ID", "'" + header + "' is not an event id: "
                    + "expected the number of the last event received");
        }
    }

    private static Set<String> kinds(String param) {
        if (param == null || param.isBlank()) {
            return Set.of();
        }
        Set<String> kinds = Arrays.stream(param.split(",")).map(String::strip).collect(Collectors.toSet());
        for (String k : kinds) {
            if (!StreamedEvent.KINDS.contains(k)) {
                throw InvalidRequestException.query("kind", "'" + k + "' is not a kind of event: expected "
                        + "lifecycle, reconcile, autoscale, health, stacks or kernels");
            }
        }
        return kinds;
    }

    @Override
    public void close() {
        closed = true;
    }
}
