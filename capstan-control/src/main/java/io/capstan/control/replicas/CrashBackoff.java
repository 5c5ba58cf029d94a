package io.capstan.control.replicas;

import io.capstan.control.managed.ManagedContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long to wait before restarting a replica that stopped, the way Kubernetes backs off a crash-looping pod: a
 * container that ran for at least {@code crashWindow} is restarted at once; one that keeps dying sooner waits
 * {@code base}, then twice as long each time, up to {@code cap}. The first quick death is also restarted at once, so
 * that a single {@code docker kill} costs nothing.
 */
final class CrashBackoff {
    /** What is known of one container's deaths; {@code finishedAt} tells a new death from one already counted. */
    record Crash(int failures, Instant finishedAt, Instant restartAt, int restarts) {
    }

    /** The verdict for one stopped container: when it may start, and whether this death is news. */
    record Verdict(Duration delay, Crash crash, boolean newDeath) {
        boolean waiting() {
            return !delay.isZero();
        }
    }

    private final Duration crashWindow;
    private final Duration base;
    private final Duration cap;
    private final Map<String, Crash> crashes = new ConcurrentHashMap<>();

    CrashBackoff(Duration crashWindow, Duration base, Duration cap) {
        this.crashWindow = crashWindow;
        this.base = base;
        this.cap = cap;
    }

    Verdict judge(ManagedContainer c, Instant now) {
        Crash known = crashes.get(c.id());
        if (known != null && known.finishedAt() != null && known.finishedAt().equals(c.finishedAt())) {
            Duration left = Duration.between(now, known.restartAt());
            return new Verdict(left.isNegative() ? Duration.ZERO : left, known, false);
        }
        boolean quick = c.startedAt() != null && c.finishedAt() != null
                && Duration.between(c.startedAt(), c.finishedAt()).compareTo(crashWindow) < 0;
        int failures = quick ? (known == null ? 1 : known.failures() + 1) : 0;
        Duration delay = delayAfter(failures);
        Crash crash = new Crash(failures, c.finishedAt(), now.plus(delay), known == null ? 0 : known.restarts());
        crashes.put(c.id(), crash);
        return new Verdict(delay, crash, true);
    }

    /** Counts a restart, for the events. */
    int restarted(String id) {
        Crash c = crashes.computeIfPresent(id, (key, old) ->
                new Crash(old.failures(), old.finishedAt(), old.restartAt(), old.restarts() + 1));
        return c == null ? 1 : c.restarts();
    }

    Duration delayAfter(int failures) {
        if (failures <= 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 2, 30);
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    void forget(String id) {
        crashes.remove(id);
    }

    /** Drops what is known of containers that no longer exist. */
    void retainOnly(Set<String> ids) {
        crashes.keySet().retainAll(ids);
    }
}
