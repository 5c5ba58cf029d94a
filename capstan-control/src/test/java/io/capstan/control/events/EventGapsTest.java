package io.capstan.control.events;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.store.EventRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which changes the engine shows of a container have no event in the store: the gaps a restart must record. */
class EventGapsTest {
    private static final Instant FROM = Instant.parse("2026-12-05T00:00:00Z");
    private static final Instant UNTIL = FROM.plusSeconds(600);

    private static ManagedContainer container(String status, Instant created, Instant started, Instant finished) {
        return new ManagedContainer("c1", "web-1", "web", status, "none", 0, Map.of(), null, null, created, started,
                finished, "host", "sha256:1", null);
    }

    private static EventRecord event(String word, Instant at) {
        return new EventRecord(1, "web", "c1", "web-1", "host", Map.of(), "running", word, at);
    }

    @Test
    void aContainerWhoseEveryChangeWasRecordedHasNoGap() {
        Instant created = FROM.plusSeconds(10);
        Instant started = created.plusMillis(300);
        var recorded = List.of(event("start", started.plusMillis(20)), event("create", created.plusMillis(5)));
        assertThat(EventGaps.missing(container("running", created, started, null), FROM, UNTIL, recorded)).isEmpty();
    }

    @Test
    void aStopAndAStartTheStoreNeverSawAreGaps() {
        Instant created = FROM.plusSeconds(10);
        Instant stopped = FROM.plusSeconds(100);
        var recorded = List.of(event("create", created), event("start", created.plusSeconds(1)));
        assertThat(EventGaps.missing(container("exited", created, FROM.plusSeconds(90), stopped), FROM, UNTIL, recorded))
                .containsExactly(new EventGaps.Change("start", FROM.plusSeconds(90)), new EventGaps.Change("stop", stopped));
    }

    @Test
    void aContainerCreatedWhileNothingWasRecordedIsAGap() {
        Instant created = FROM.plusSeconds(30);
        assertThat(EventGaps.missing(container("created", created, null, null), FROM, UNTIL, List.of()))
                .containsExactly(new EventGaps.Change("create", created));
    }

    @Test
    void changesBeforeTheLastRecordedEventOrAfterTheSearchBeganAreNotLookedFor() {
        Instant created = FROM.minusSeconds(3600);
        Instant started = UNTIL.plusSeconds(1);
        assertThat(EventGaps.missing(container("running", created, started, null), FROM, UNTIL, List.of())).isEmpty();
    }
}
