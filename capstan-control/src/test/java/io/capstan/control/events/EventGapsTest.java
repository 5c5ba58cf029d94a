package io.capstan.control.events;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return event("c1", word, at);
    }

    private static EventRecord event(String id, String word, Instant at) {
        return new EventRecord(1, "web", id, "web-1", "host", Map.of(), "running", word, at);
    }

    @Test
    void aContainerGoneFromTheEngineWithoutARecordedRemovalGetsOneGap(@TempDir Path dir) throws Exception {
        try (Store store = Stores.sqlite(dir.resolve("capstan.db"))) {
            EventWriter writer = new EventWriter(store);
            Instant t = FROM.plusSeconds(5);
            int n = 0;
            // lost: removed while nobody recorded; kept: still on the engine; removed: its removal is recorded, and
            // the control plane's own decision about it came after
            for (String id : List.of("lost", "kept", "removed")) {
                writer.submit(event(id, "create", t), id + "/create");
                writer.submit(event(id, "start", t.plusSeconds(1)), id + "/start");
            }
            writer.submit(event("removed", "remove", t.plusSeconds(2)), "removed/remove");
            writer.submit(EventRecord.decision("web", "removed", "web-1", "host", "scale_down", "removed"), null);
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            Set<String> onEngine = Set.of("kept");
            EventGaps gaps = new EventGaps(store, writer, "host", id -> !onEngine.contains(id));
            ManagedContainer kept = new ManagedContainer("kept", "web-2", "web", "running", "none", 0, Map.of(), null,
                    null, t, t.plusSeconds(1), null, "host", "sha256:1", null);

            assertThat(gaps.recordRemovals(List.of(kept), () -> { })).isEqualTo(1);
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            EventRecord gap = store.eventsOf("lost", 1).getFirst();
            assertThat(gap.event()).isEqualTo(EventGaps.GAP);
            assertThat(gap.status()).isEqualTo(EventGaps.GONE);
            assertThat(store.eventsOf("kept", 10)).extracting(EventRecord::event).containsExactly("start", "create");
            // asked again (another restart), the gap is there already
            assertThat(gaps.recordRemovals(List.of(kept), () -> { })).isZero();
            writer.close();
        }
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
