package io.capstan.kernels.launch;

import io.capstan.core.model.LogLine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** A kernel's output as it comes: passed on, and its last lines kept for error reports. */
final class KernelLog implements Consumer<LogLine> {
    private static final int KEPT = 20;

    private final Consumer<String> output;
    private final Deque<String> last = new ArrayDeque<>();
    private volatile long lastLineAt = System.nanoTime();

    KernelLog(Consumer<String> output) {
        this.output = output;
    }

    @Override
    public void accept(LogLine line) {
        synchronized (last) {
            last.addLast(line.text());
            if (last.size() > KEPT) {
                last.removeFirst();
            }
        }
        lastLineAt = System.nanoTime();
        output.accept(line.text());
    }

    /** How long ago the last line came (or this log began, before any line). */
    Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastLineAt);
    }

    List<String> lastLines() {
        synchronized (last) {
            return List.copyOf(last);
        }
    }

    /** Only the last line: every line already went to the kernel output (stderr) as it came, above the error. */
    String lastLineClause() {
        List<String> lines = lastLines();
        return lines.isEmpty() ? "; it wrote nothing" : "; its last log line: " + lines.getLast().strip();
    }
}
