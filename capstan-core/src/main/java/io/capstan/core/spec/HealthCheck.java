package io.capstan.core.spec;

import java.time.Duration;
import java.util.List;

/**
 * A container healthcheck, as Docker runs it.
 *
 * @param test          {@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]}, {@code ["NONE"]} to disable the image's,
 *                      or empty to keep the image's test with these timings
 * @param interval      time between checks (null: the engine's default)
 * @param timeout       time one check may take (null: default)
 * @param retries       failures in a row that make the container unhealthy (0: default)
 * @param startPeriod   time after start during which failures do not count (null: default)
 * @param startInterval time between checks during the start period (null: default; engines before API 1.44,
 *                      such as Docker 20.10, ignore it)
 */
public record HealthCheck(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod,
                          Duration startInterval) {
    public HealthCheck {
        test = List.copyOf(test);
    }

    public HealthCheck(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
        this(test, interval, timeout, retries, startPeriod, null);
    }

    /** True when the test is the image's own: only timings were given. */
    public boolean keepsImageTest() {
        return test.isEmpty();
    }
}
