package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.workload.ReplicaLogs;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /containers/{id}/logs/stream}: a managed container's live log as server-sent events, one {@code line}
 * message per line it writes, starting with its last {@code tail} lines; an {@code end} message when it stops. Sent
 * with {@code X-Accel-Buffering: no} so that a proxy in front passes each line on at once.
 */
final class LogStream {
    private static final int DEFAULT_TAIL = 100;
    private static final int MAX_TAIL = 10_000;
    private static final Duration KEEPALIVE = Duration.ofSeconds(15);

    private final ControlPlane plane;
    private final ReplicaLogs replicaLogs;

    LogStream(ControlPlane plane) {
        this.plane = plane;
        this.replicaLogs = new ReplicaLogs(plane.engine(), plane.workloadTarget());
    }

    Route route() {
        return new Route(HandlerType.GET, "/containers/{id}/logs/stream", "A managed container's live log as "
                + "server-sent events: its last 'tail' lines, then each new line as it is written", this::serve,
                Map.of("tail", "start with the last N lines (0 to " + MAX_TAIL + ", default " + DEFAULT_TAIL + ")"),
                null, Map.of(200, "text/event-stream: 'line' messages (data: the line), 'end' when the container stops",
                        404, "not a managed container", 422, "tail is not a number from 0 to " + MAX_TAIL));
    }

    private void serve(Context ctx) throws IOException, InterruptedException {
        ManagedContainer c = plane.containers().require(ctx.pathParam("id"));
        int tail = tail(ctx.queryParam("tail"));
        var res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        var out = new EventWriter(res.getOutputStream());
        out.send("retry: 2000\n\n");
        try (Subscription logs = replicaLogs.logs(c, new LogOptions(true, tail, false),
                line -> out.line(line))) {
            // Ends when the container stops, or when the client goes: a keepalive finds that out while no line comes.
            while (!logs.awaitCompletion(KEEPALIVE)) {
                if (!out.send(": keepalive\n\n")) {
                    return;
                }
            }
        }
        out.send("event: end\ndata: the container stopped\n\n");
    }

    static int tail(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TAIL;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0 && n <= MAX_TAIL) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw InvalidRequestException.query("tail", "expected how many of the last lines to start with, 0 to "
                + MAX_TAIL + ", got '" + value + "'");
    }

    /** Writes messages from the engine's thread and the request's; false once the client has gone. */
    private static final class EventWriter {
        private final OutputStream out;
        private boolean gone;

        EventWriter(OutputStream out) {
            this.out = out;
        }

        void line(LogLine line) {
            StringBuilder message = new StringBuilder("event: line\n");
            // each part of a line a stray newline or carriage return splits is one data field, which SSE joins again
            for (String part : line.text().split("\r\n|\r|\n", -1)) {
                message.append("data: ").append(part).append('\n');
            }
            send(message.append('\n').toString());
        }

        synchronized boolean send(String message) {
            if (gone) {
                return false;
            }
            try {
                out.write(message.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException e) {
                gone = true;
                return false;
            }
        }
    }
}
