package io.capstan.kubernetes.workload;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The output of some pods, read side by side (a workload's, a stack's). Kubernetes keeps one stream per container, so every line is
 * {@link LogLine.Stream#STDOUT}.
 */
public final class PodLogs implements Subscription {
    private final CountDownLatch done;
    private final List<Reader> readers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private PodLogs(int pods) {
        done = new CountDownLatch(pods);
    }

    public static PodLogs start(List<PodResource> pods, LogOptions options, Consumer<LogLine> sink) {
        PodLogs logs = new PodLogs(pods.size());
        for (PodResource pod : pods) {
            logs.threads.add(Thread.ofVirtual().start(() -> logs.read(pod, options, sink)));
        }
        return logs;
    }

    private void read(PodResource pod, LogOptions options, Consumer<LogLine> sink) {
        try {
            TimeTailPrettyLoggable timed = options.timestamps() ? pod.usingTimestamps() : pod;
            TailPrettyLoggable since = options.since() == null ? timed : timed.sinceTime(options.since().toString());
            Loggable loggable = options.tail() >= 0 ? since.tailingLines(options.tail()) : since;
            if (options.follow()) {
                Reader reader = loggable.getLogReader();
                readers.add(reader);
                try (BufferedReader lines = new BufferedReader(reader)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        sink.accept(new LogLine(LogLine.Stream.STDOUT, line));
                    }
                }
            } else {
                String text = loggable.getLog();
                if (text != null && !text.isEmpty()) {
                    text.lines().forEach(line -> sink.accept(new LogLine(LogLine.Stream.STDOUT, line)));
                }
            }
        } catch (IOException | RuntimeException ended) {
            // a pod that went away, or a closed stream, ends its part
        } finally {
            done.countDown();
        }
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        for (Reader reader : readers) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.forEach(Thread::interrupt);
    }
}
