package io.capstan.kernels.launch;

import io.capstan.core.model.LogLine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** A kernel's output as it comes: passed on, its last lines kept for error reports, and watched for readiness. */
final class KernelLog implements Consumer<LogLine> {
    /** What ipykernel prints once its sockets listen. */
    static final String READY_LINE = "To connect another client to this kernel";
    private static final int KEPT = 20;

    private final Consumer<String> output;
    private final Deque<String> last = new ArrayDeque<>();
    private final CountDownLatch ready = new CountDownLatch(1);

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
        if (line.text().contains(READY_LINE)) {
            ready.countDown();
        }
        output.accept(line.text());
    }

    CountDownLatch ready() {
        return ready;
    }

    List<String> lastLines() {
        synchronized (last) {
            return List.copyOf(last);
        }
    }
}
