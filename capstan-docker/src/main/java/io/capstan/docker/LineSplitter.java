package io.capstan.docker;

import io.capstan.core.model.LogLine;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reassembles lines from log frames, which the engine may split anywhere. */
final class LineSplitter {
    private final LogLine.Stream stream;
    private final Consumer<LogLine> sink;
    private final StringBuilder pending = new StringBuilder();

    LineSplitter(LogLine.Stream stream, Consumer<LogLine> sink) {
        this.stream = stream;
        this.sink = sink;
    }

    synchronized void accept(byte[] payload) {
        pending.append(new String(payload, StandardCharsets.UTF_8));
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, newline);
            pending.delete(0, newline + 1);
            sink.accept(new LogLine(stream, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
        }
    }

    synchronized void flush() {
        if (!pending.isEmpty()) {
            sink.accept(new LogLine(stream, pending.toString()));
            pending.setLength(0);
        }
    }
}
