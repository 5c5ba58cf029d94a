package io.capstan.control.replicas;

import io.capstan.control.store.Autoscale;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AutoscalerTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void recommendsTheCountThatBringsTheAverageToTheTarget() {
        assertThat(Autoscaler.recommend(2, 90, 45)).isEqualTo(4);
        assertThat(Autoscaler.recommend(4, 20, 50)).isEqualTo(2);
        assertThat(Autoscaler.recommend(3, 51, 50)).as("within the tolerance").isEqualTo(3);
        assertThat(Autoscaler.recommend(3, 56, 50)).as("just outside it, rounded up").isEqualTo(4);
    }

    @Test
    void scalesUpAtOnceButDownOnlyAfterTheWholeDownWindow() {
        var scaler = new Autoscaler(null, null, null);
        var policy = new Autoscale(50, Duration.ZERO, Duration.ofSeconds(60));
        assertThat(scaler.stabilise("web", policy, 2, 5, T0)).as("up: no window").isEqualTo(5);
        assertThat(scaler.stabilise("web", policy, 5, 2, T0.plusSeconds(10))).as("down within the window").isEqualTo(5);
        assertThat(scaler.stabilise("web", policy, 5, 3, T0.plusSeconds(50))).isEqualTo(5);
        assertThat(scaler.stabilise("web", policy, 5, 2, T0.plusSeconds(65)))
                .as("the highest recommendation of the last minute").isEqualTo(3);
        assertThat(scaler.stabilise("web", policy, 3, 2, T0.plusSeconds(115))).isEqualTo(2);
    }

    @Test
    void aScaleUpWindowIgnoresShortSpikes() {
        var scaler = new Autoscaler(null, null, null);
        var policy = new Autoscale(50, Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(scaler.stabilise("api", policy, 2, 2, T0)).isEqualTo(2);
        assertThat(scaler.stabilise("api", policy, 2, 6, T0.plusSeconds(10))).as("a spike").isEqualTo(2);
        assertThat(scaler.stabilise("api", policy, 2, 2, T0.plusSeconds(20))).isEqualTo(2);
        assertThat(scaler.stabilise("api", policy, 2, 6, T0.plusSeconds(45))).as("the low at 20 s is in the window")
                .isEqualTo(2);
        assertThat(scaler.stabilise("api", policy, 2, 5, T0.plusSeconds(55)))
                .as("high for a whole window: the lowest of it").isEqualTo(5);
    }
}
