package io.capstan.server;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The last answer of an engine listing, reused for a short while: however many callers ask (the dashboard polls, so
 * may anyone who reaches the port), the engine is asked at most once per period. A failed reading is not kept.
 */
final class RecentListing<T> {
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final Supplier<T> read;
    private T value;
    private long readAtNanos;
    private boolean known;

    RecentListing(Supplier<T> read) {
        this.read = read;
    }

    /** The next {@link #get} asks the engine again (something changed). */
    synchronized void forget() {
        known = false;
    }

    synchronized T get() {
        long now = System.nanoTime();
        if (!known || now - readAtNanos >= PERIOD.toNanos()) {
            value = read.get();
            readAtNanos = now;
            known = true;
        }
        return value;
    }
}
