package io.capstan.control.engineworkload;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits that end early when a workload's work should stop. The worker is never interrupted: an interrupt could cut
 * an engine call short after the engine acted, leaving a container nobody knows of.
 */
final class Pauses {
    private static final Duration STEP = Duration.ofMillis(100);

    private Pauses() {
    }

    /** Waits {@code duration}; false when {@code stop} said so first. */
    static boolean sleep(Duration duration, BooleanSupplier stop) {
        Instant end = Instant.now().plus(duration);
        while (!stop.getAsBoolean()) {
            Duration left = Duration.between(Instant.now(), end);
            if (left.isNegative() || left.isZero()) {
                return true;
            }
            try {
                Thread.sleep(left.compareTo(STEP) < 0 ? left : STEP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
