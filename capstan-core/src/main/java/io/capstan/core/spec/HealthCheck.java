package io.capstan.core.spec;

import java.time.Duration;
import java.util.List;

/**
 * A container healthcheck, as Docker runs it.
 *
 * @param test        {@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]} or {@code ["NONE"]} to disable the image's
 * @param interval    time between checks (null: the engine's default)
 * @param timeout     time one check may take (null: default)
 * @param retries     failures in a row that make the container unhealthy (0: default)
 * @param startPeriod time after start during which failures do not count (null: default)
 */
public record HealthCheck(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
    public HealthCheck {
        test = List.copyOf(test);
    }
}
