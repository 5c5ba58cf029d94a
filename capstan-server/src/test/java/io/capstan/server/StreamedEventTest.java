package io.capstan.server;

import io.capstan.control.store.EventRecord;
import io.capstan.control.store.HealthSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamedEventTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aStoredEventCarriesItsIdAndKindOnTheWire() {
        var stop = new EventRecord(42, "web:1", "abc", "web-1", "h", Map.of(), "exited (137)\nkilled", "stop", T);
        String wire = new String(StreamedEvent.of(stop, null).wire(), StandardCharsets.UTF_8);
        assertThat(wire).startsWith("id: 42\nevent: lifecycle\ndata: {").endsWith("}\n\n");
        assertThat(wire.lines().filter(l -> l.startsWith("data: ")).count()).as("one data line").isEqualTo(1);
        assertThat(wire).contains("\"status\":\"exited (137)\\nkilled\"", "\"container\":null");
    }

    @Test
    void decisionsAreReconcileOrAutoscaleAndHealthChangesHaveNoId() {
        assertThat(StreamedEvent.of(EventRecord.decision("web:1", null, null, "h", "restart", "x"), null).kind())
                .isEqualTo("reconcile");
        assertThat(StreamedEvent.of(EventRecord.decision("web:1", null, null, "h", "autoscale", "x"), null).kind())
                .isEqualTo("autoscale");
        var sample = new HealthSnapshot(7, "web:1", "abc", "web-1", "h", 95, 10, 1, null, "critical", "none", T);
        String wire = new String(StreamedEvent.health(sample, "healthy", null).wire(), StandardCharsets.UTF_8);
        assertThat(wire).startsWith("event: health\n").contains("\"previous\":\"healthy\"", "\"status\":\"critical\"");
    }
}
