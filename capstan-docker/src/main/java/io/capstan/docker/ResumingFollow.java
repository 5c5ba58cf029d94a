package io.capstan.docker;

import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A followed log stream that outlives the engine ending it early. A follow is meant to end when the container
 * stops, but Docker can end one while the container runs (seen on a freshly started engine). Then the follow is
 * opened again from the second of the last line seen (the API's granularity), and lines already delivered are
 * skipped by their nanosecond timestamps, which this class always asks for and strips unless the caller wants them.
 */
final class ResumingFollow implements Subscription {
    /** Opens a timestamped follow, from {@code sinceSeconds} (null: as the caller asked). */
    interface Opener {
        Subscription open(Long sinceSeconds, Consumer<LogLine> timestamped);
    }

    private static final int MAX_EMPTY_RESUMES = 10;

    private final Opener opener;
    private final BooleanSupplier running;
    private final Consumer<LogLine> sink;
    private final boolean keepTimestamps;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Subscription current;
    private volatile boolean closed;
    private boolean resumed;          // guarded by this
    private int deliveredSinceResume; // guarded by this
    private Instant last;             // guarded by this
    private final Set<String> atLast = new HashSet<>(); // lines delivered with the timestamp 'last'; guarded by this

    private ResumingFollow(Opener opener, BooleanSupplier running, Consumer<LogLine> sink, boolean keepTimestamps) {
        this.opener = opener;
        this.running = running;
        this.sink = sink;
        this.keepTimestamps = keepTimestamps;
    }

    static Subscription start(Opener opener, BooleanSupplier running, Consumer<LogLine> sink, boolean keepTimestamps) {
        ResumingFollow follow = new ResumingFollow(opener, running, sink, keepTimestamps);
        follow.open(null, 0);
        return follow;
    }

    private void open(Long since, int emptyResumes) {
        Subscription stream = opener.open(since, this::deliver);
        current = stream;
        if (closed) { // closed while it was being opened again
            stream.close();
            return;
        }
        Thread.ofVirtual().name("capstan-log-follow").start(() -> watch(emptyResumes));
    }

    private void watch(int emptyResumes) {
        try {
            while (!current.awaitCompletion(Duration.ofHours(1))) {
                if (closed) {
                    break;
                }
            }
            int empty;
            Long since;
            synchronized (this) {
                empty = resumed && deliveredSinceResume == 0 ? emptyResumes + 1 : 0;
                since = last == null ? null : last.getEpochSecond();
                resumed = true;
                deliveredSinceResume = 0;
            }
            if (closed || empty > MAX_EMPTY_RESUMES || !running.getAsBoolean()) {
                ended.complete(null);
                return;
            }
            Thread.sleep(50);
            open(since, empty);
        } catch (InterruptedException e) {
            ended.complete(null);
        } catch (RuntimeException e) {
            ended.completeExceptionally(e);
        }
    }

    private void deliver(LogLine line) {
        String text = line.text();
        int space = text.indexOf(' ');
        Instant at;
        try {
            at = Instant.parse(space < 0 ? text : text.substring(0, space));
        } catch (DateTimeParseException notTimestamped) {
            sink.accept(line);
            return;
        }
        synchronized (this) {
            if (resumed && last != null && (at.isBefore(last) || at.equals(last) && atLast.contains(text))) {
                return; // delivered before the follow was opened again
            }
            if (last == null || at.isAfter(last)) {
                last = at;
                atLast.clear();
            }
            if (at.equals(last)) {
                atLast.add(text);
            }
            deliveredSinceResume++;
        }
        sink.accept(keepTimestamps ? line : new LogLine(line.stream(), space < 0 ? "" : text.substring(space + 1)));
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        closed = true;
        current.close();
        ended.complete(null);
    }
}
