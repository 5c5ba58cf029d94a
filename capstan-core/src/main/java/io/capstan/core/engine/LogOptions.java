package io.capstan.core.engine;

import java.time.Instant;

/**
 * @param follow     keep streaming new lines until the subscription is closed or the container stops
 * @param tail       only the last N lines (negative: all)
 * @param timestamps prefix each line with the engine's RFC 3339 timestamp
 * @param since      only lines from this moment on (null: from the start); engines count whole seconds
 * @param until      only lines before this moment (null: no end)
 */
public record LogOptions(boolean follow, int tail, boolean timestamps, Instant since, Instant until) {
    public static final LogOptions ALL = new LogOptions(false, -1, false);

    public LogOptions(boolean follow, int tail, boolean timestamps) {
        this(follow, tail, timestamps, null, null);
    }
}
