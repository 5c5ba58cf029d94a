package io.capstan.core.engine;

/**
 * @param follow     keep streaming new lines until the subscription is closed or the container stops
 * @param tail       only the last N lines (negative: all)
 * @param timestamps prefix each line with the engine's RFC 3339 timestamp
 */
public record LogOptions(boolean follow, int tail, boolean timestamps) {
    public static final LogOptions ALL = new LogOptions(false, -1, false);
}
