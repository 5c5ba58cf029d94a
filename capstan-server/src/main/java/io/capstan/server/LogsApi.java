package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.workload.TaskView;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.TaskLogs;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code GET /containers/{id}/logs?tail=N&follow=true&timestamps=true}: a managed container's output as text, one line
 * per line it wrote (stdout and stderr as they came), streamed while {@code follow} lasts. Any other container is 404.
 */
final class LogsApi {
    private final ControlPlane plane;

    LogsApi(ControlPlane plane) {
        this.plane = plane;
    }

    void logs(Context ctx) throws IOException, InterruptedException {
        ManagedContainer c = plane.containers().require(ctx.pathParam("id"));
        LogOptions options = new LogOptions(flag(ctx, "follow"), tail(ctx), flag(ctx, "timestamps"));
        ctx.status(200).contentType("text/plain; charset=utf-8");
        OutputStream out = ctx.res().getOutputStream();
        var writer = new LineWriter(out);
        try (Subscription stream = open(c, options, writer::write)) {
            writer.onFailure(stream::close);
            // Following ends when the container stops, or when the client goes (a write fails).
            while (!stream.awaitCompletion(Duration.ofMinutes(1))) {
                if (writer.failed()) {
                    break;
                }
            }
        }
        writer.flush();
    }

    /** The container's output from the engine, or, on a target that gives its tasks' output (Kubernetes), from it. */
    private Subscription open(ManagedContainer c, LogOptions options, java.util.function.Consumer<LogLine> sink) {
        var target = plane.workloadTarget().flatMap(t -> t.capability(TaskLogs.class));
        var task = TaskView.taskOf(c);
        if (target.isPresent() && task.isPresent()) {
            return target.get().taskLogs(task.get().workload(), task.get().task(), options, sink);
        }
        return plane.engine().containers().logs(c.id(), options, sink);
    }

    /** A true/false query parameter (also 1/0, yes/no); absent is false, anything else a 422 naming it. */
    static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw InvalidRequestException.query(name, "expected true or false, got '" + value + "'");
        };
    }

    private static int tail(Context ctx) {
        String value = ctx.queryParam("tail");
        if (value == null || value.isBlank() || value.strip().equals("all")) {
            return -1;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw InvalidRequestException.query("tail", "expected how many of the last lines, a whole number >= 0 (or "
                + "all), got '" + value + "'");
    }

    /** Writes lines as they come, from the engine's thread; the first failed write (the client left) stops the stream. */
    private static final class LineWriter {
        private final OutputStream out;
        private volatile boolean failed;
        private volatile Runnable onFailure = () -> { };

        LineWriter(OutputStream out) {
            this.out = out;
        }

        synchronized void write(LogLine line) {
            if (failed) {
                return;
            }
            try {
                out.write((line.text() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                failed = true;
                onFailure.run();
            }
        }

        void onFailure(Runnable action) {
            this.onFailure = action;
            if (failed) {
                action.run();
            }
        }

        boolean failed() {
            return failed;
        }

        synchronized void flush() {
            try {
                out.flush();
            } catch (IOException ignored) {
                // the client has gone
            }
        }
    }
}
