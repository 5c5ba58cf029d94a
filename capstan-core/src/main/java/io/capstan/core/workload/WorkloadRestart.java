package io.capstan.core.workload;

import io.capstan.core.error.InvalidSpecException;

import java.time.Duration;
import java.util.Locale;

/**
 * When a replica whose process exited is started again.
 *
 * @param condition   never, only after a non-zero exit, or always
 * @param delay       wait before a restart (null: the target's default)
 * @param maxAttempts restarts at most (0: unbounded)
 */
public record WorkloadRestart(Condition condition, Duration delay, int maxAttempts) {
    public enum Condition { NONE, ON_FAILURE, ANY }

    public static final WorkloadRestart ANY = new WorkloadRestart(Condition.ANY, null, 0);

    public WorkloadRestart {
        condition = condition == null ? Condition.ANY : condition;
        if (maxAttempts < 0) {
            throw new InvalidSpecException("invalid restart max attempts " + maxAttempts + ": expected 0 (unbounded) or more");
        }
        if (delay != null && delay.isNegative()) {
            throw new InvalidSpecException("invalid restart delay " + delay + ": cannot be negative");
        }
    }

    /** Parses {@code none}, {@code on-failure} or {@code any}, the names Compose's {@code restart_policy} uses. */
    public static Condition condition(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> Condition.NONE;
            case "on-failure" -> Condition.ON_FAILURE;
            case "any" -> Condition.ANY;
            default -> throw new InvalidSpecException("invalid restart condition '" + text
                    + "': expected none, on-failure or any");
        };
    }
}
