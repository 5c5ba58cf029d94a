package io.capstan.tck;

import io.capstan.core.engine.LiveResourceUpdate;
import io.capstan.core.engine.OneShotStats;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerStats;
import io.capstan.core.spec.Resources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The {@link OneShotStats} capability: resource-use samples of running containers. */
public abstract class OneShotStatsContract extends EngineContractSupport {
    private OneShotStats stats() {
        return engine.require(OneShotStats.class, "report container stats");
    }

    @Test
    void statsReportUsage() {
        String name = name("stats");
        // a known load: 8 MiB in /dev/shm (a tmpfs, so memory) and a busy loop under 0.2 CPU
        engine.containers().create(spec(name).command("sh", "-c",
                        "dd if=/dev/zero of=/dev/shm/fill bs=1M count=8 2>/dev/null && while :; do :; done")
                .resources(Resources.parse("0.2", "32m")).build());
        engine.containers().start(name);

        await().atMost(PATIENCE).untilAsserted(() -> {
            ContainerStats stats = stats().stats(name);
            assertThat(stats.cpuPercent()).isGreaterThan(1.0).isLessThan(60.0);
            assertThat(stats.memoryUsage()).isPositive();
            assertThat(stats.memoryLimit()).isEqualTo(32L << 20);
            assertThat(stats.memoryPercent()).isBetween(0.0, 100.0);
            assertThat(stats.pids()).isGreaterThanOrEqualTo(1);
            assertThat(stats.memoryUsage()).as("8 MiB in /dev/shm").isBetween(8L << 20, 10L << 20);
            assertThat(stats.memoryPercent()).as("8 MiB of 32").isBetween(25.0, 31.3);
            assertThat(stats.cpuPercent()).as("0.2 CPU, less when the host is busy").isBetween(12.0, 25.0);
        });
    }

    @Test
    void statsSinceAnEarlierSampleCoverTheTimeBetween() throws InterruptedException {
        String name = name("stats-since");
        engine.containers().create(spec(name).command("sh", "-c", "while :; do :; done")
                .resources(Resources.parse("0.2", "32m")).build());
        engine.containers().start(name);
        ContainerStats first = stats().statsSince(name, null);
        Thread.sleep(1500);
        ContainerStats later = stats().statsSince(name, first.cpu());
        assertThat(later.cpu().containerNanos()).isGreaterThan(first.cpu().containerNanos());
        assertThat(later.cpuPercent()).as("a busy loop limited to 0.2 CPU").isBetween(10.0, 30.0);
        assertThat(later.memoryLimit()).isEqualTo(32L << 20);
        assertThatThrownBy(() -> stats().statsSince("capstan-ghost-" + run, first.cpu()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void statsFollowLimitsChangedLive() {
        String name = name("stats-limits");
        engine.containers().create(spec(name).command("sleep", "300").resources(Resources.parse("0.5", "64Mi")).build());
        engine.containers().start(name);
        assertThat(stats().stats(name).memoryLimit()).isEqualTo(64L << 20);

        engine.require(LiveResourceUpdate.class, "change the limits of a container").update(name, Resources.parse("1", "128m"));
        assertThat(stats().stats(name).memoryLimit()).isEqualTo(128L << 20);
    }

    @Test
    void statsOfAMissingContainerAreNotFound() {
        String ghost = "capstan-ghost-" + run;
        assertThatThrownBy(() -> stats().stats(ghost)).isInstanceOf(NotFoundException.class);
    }
}
