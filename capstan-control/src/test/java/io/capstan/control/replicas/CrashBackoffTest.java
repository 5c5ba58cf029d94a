package io.capstan.control.replicas;

import io.capstan.control.managed.ManagedContainer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrashBackoffTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final CrashBackoff backoff = new CrashBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofSeconds(8));

    private static ManagedContainer died(Instant started, Duration ran) {
        return new ManagedContainer("c1", "web-1", "web:1", "exited", "none", 1, Map.of(), null, null, T0, started,
                started.plus(ran), "host", "sha256:1", "spec");
    }

    @Test
    void aContainerThatRanLongEnoughIsRestartedAtOnceEveryTime() {
        for (int i = 0; i < 5; i++) {
            var verdict = backoff.judge(died(T0.plusSeconds(100L * i), Duration.ofSeconds(30)), T0.plusSeconds(100L * i + 30));
            assertThat(verdict.delay()).isZero();
        }
    }

    @Test
    void quickDeathsWaitTwiceAsLongEachTimeUpToTheCap() {
        Instant t = T0;
        long[] expected = {0, 1, 2, 4, 8, 8};
        for (long seconds : expected) {
            ManagedContainer c = died(t, Duration.ofMillis(200));
            Instant now = c.finishedAt();
            var verdict = backoff.judge(c, now);
            assertThat(verdict.delay()).isEqualTo(Duration.ofSeconds(seconds));
            assertThat(verdict.newDeath()).isTrue();
            assertThat(backoff.judge(c, now.plusMillis(500)).newDeath()).as("the same death, seen again").isFalse();
            t = now.plusSeconds(seconds);
        }
        // A run past the crash window resets the count.
        assertThat(backoff.judge(died(t, Duration.ofSeconds(20)), t.plusSeconds(20)).delay()).isZero();
        assertThat(backoff.judge(died(t.plusSeconds(30), Duration.ofMillis(100)), t.plusSeconds(31)).delay()).isZero();
    }
}
