package io.capstan.core.workload;

import io.capstan.core.error.InvalidSpecException;

import java.time.Duration;

/**
 * How a rolling update (or a rollback) replaces replicas.
 *
 * @param parallelism   replicas replaced at once (0: all at once)
 * @param delay         wait between batches
 * @param order         stop the old replica first, or start the new one first
 * @param failureAction what happens when a new replica fails
 * @param monitor       how long a new replica is watched for failure before the next batch
 */
public record UpdatePolicy(int parallelism, Duration delay, Order order, FailureAction failureAction, Duration monitor) {
    public enum Order { STOP_FIRST, START_FIRST }

    public enum FailureAction { PAUSE, CONTINUE, ROLLBACK }

    /** One at a time, no delay, stop first, pause on failure, the target's own monitor period. */
    public static final UpdatePolicy DEFAULT = new UpdatePolicy(1, Duration.ZERO, Order.STOP_FIRST, FailureAction.PAUSE, null);

    public UpdatePolicy {
        if (parallelism < 0) {
            throw new InvalidSpecException("invalid update parallelism " + parallelism + ": expected 0 (all at once) or more");
        }
        delay = delay == null ? Duration.ZERO : delay;
        if (delay.isNegative() || monitor != null && monitor.isNegative()) {
            throw new InvalidSpecException("invalid update delay or monitor period: durations cannot be negative");
        }
        order = order == null ? Order.STOP_FIRST : order;
        failureAction = failureAction == null ? FailureAction.PAUSE : failureAction;
    }

    public UpdatePolicy withParallelism(int value) {
        return new UpdatePolicy(value, delay, order, failureAction, monitor);
    }

    public UpdatePolicy withDelay(Duration value) {
        return new UpdatePolicy(parallelism, value, order, failureAction, monitor);
    }

    public UpdatePolicy withOrder(Order value) {
        return new UpdatePolicy(parallelism, delay, value, failureAction, monitor);
    }

    public UpdatePolicy withFailureAction(FailureAction value) {
        return new UpdatePolicy(parallelism, delay, order, value, monitor);
    }

    public UpdatePolicy withMonitor(Duration value) {
        return new UpdatePolicy(parallelism, delay, order, failureAction, value);
    }
}
