package io.capstan.control.workload;

import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decisions a pass takes about an image's service, against a target that only records what it is asked. */
class ServiceReplicasTest {
    private static final String IMAGE = "web:1";

    /** Services in memory; every call that changes one is noted as {@code verb name}. */
    private static final class RecordingTarget implements WorkloadTarget {
        final Map<String, WorkloadSpec> services = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String describe() {
            return "Recording target";
        }

        @Override
        public WorkloadStatus create(WorkloadSpec spec) {
            calls.add("create " + spec.name());
            services.put(spec.name(), spec);
            return inspect(spec.name());
        }

        @Override
        public WorkloadStatus update(WorkloadSpec spec) {
            calls.add("update " + spec.name());
            services.put(spec.name(), spec);
            return inspect(spec.name());
        }

        @Override
        public WorkloadStatus scale(String name, int replicas) {
            calls.add("scale " + name + " " + replicas);
            services.put(name, services.get(name).toBuilder().replicas(replicas).build());
            return inspect(name);
        }

        @Override
        public WorkloadStatus rollback(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String name) {
            calls.add("remove " + name);
            if (services.remove(name) == null) {
                throw new NotFoundException("service", name);
            }
        }

        @Override
        public List<WorkloadStatus> list(Map<String, String> labels) {
            return services.keySet().stream().map(this::inspect).toList();
        }

        @Override
        public WorkloadStatus inspect(String name) {
            WorkloadSpec spec = services.get(name);
            if (spec == null) {
                throw new NotFoundException("service", name);
            }
            return new WorkloadStatus("id-" + name, spec, spec.replicas(), 0, 0, List.of(), "", Instant.EPOCH,
                    Instant.EPOCH);
        }

        @Override
        public Subscription logs(String name, LogOptions options, Consumer<LogLine> sink) {
            throw new UnsupportedOperationException();
        }
    }

    @TempDir
    Path dir;
    private final RecordingTarget target = new RecordingTarget();
    private final Map<String, DesiredImage> desired = new ConcurrentHashMap<>();
    private final Map<String, String> imageIds = new ConcurrentHashMap<>(Map.of(IMAGE, "sha256:1"));
    private Store store;
    private EventWriter events;
    private ServiceReplicas replicas;
    private final String service = ServiceSpecs.serviceName(IMAGE);

    @BeforeEach
    void start() {
        store = Stores.sqlite(dir.resolve("capstan.db"));
        events = new EventWriter(store);
        replicas = new ServiceReplicas(target, image -> Optional.ofNullable(imageIds.get(image))
                .orElseThrow(() -> new NotFoundException("image", image)), new ManagedState("here"), events, "here",
                image -> Optional.ofNullable(desired.get(image)), () -> List.copyOf(desired.keySet()),
                Duration.ofMinutes(10), () -> { });
    }

    @AfterEach
    void stop() {
        replicas.close();
        events.close();
        store.close();
    }

    private void want(int replicas, String greeting) {
        desired.put(IMAGE, new DesiredImage(IMAGE, 1, 5, replicas, Map.of(), Map.of("GREETING", greeting), Map.of(),
                List.of("sleep", "600"), null, Instant.EPOCH));
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("the pass happened").isTrue();
    }


    @Test
    void aNewImageIsCreatedAChangedCountScaledAndAChangedConfigurationRolled() throws Exception {
        want(2, "hello");
        replicas.start();
        until(() -> target.calls.contains("create " + service));
        assertThat(target.services.get(service).replicas()).isEqualTo(2);

        want(3, "hello");
        replicas.changed(IMAGE);
        until(() -> target.calls.contains("scale " + service + " 3"));
        assertThat(target.calls).as("a changed count does not roll").noneMatch(c -> c.startsWith("update"));

        want(3, "hi");
        replicas.changed(IMAGE);
        until(() -> target.calls.contains("update " + service));
        assertThat(target.services.get(service).env()).containsEntry("GREETING", "hi");

        imageIds.put(IMAGE, "sha256:2");
        replicas.changed(IMAGE);
        until(() -> target.calls.stream().filter(c -> c.startsWith("update")).count() == 2);

        events.flush(Duration.ofSeconds(10));
        assertThat(store.listEvents(IMAGE, 100)).extracting(EventRecord::event)
                .contains("service", "rollout");
    }

    @Test
    void aServiceThatMatchesItsDesiredStateIsAdoptedUntouched() throws Exception {
        want(2, "hello");
        target.services.put(service, ServiceSpecs.of(desired.get(IMAGE), "sha256:1"));
        java.util.concurrent.atomic.AtomicInteger passes = new java.util.concurrent.atomic.AtomicInteger();
        replicas.afterEachPass((image, took) -> passes.incrementAndGet());
        replicas.start();
        until(() -> passes.get() >= 1);
        assertThat(target.calls).isEmpty();
    }

    @Test
    void removingAnImagesReplicasRemovesItsServiceAndOneReplicaCannotBeHandledAlone() throws Exception {
        want(1, "hello");
        replicas.start();
        until(() -> target.services.containsKey(service));
        assertThat(replicas.removeAll(IMAGE)).isEmpty();
        assertThat(target.services).doesNotContainKey(service);
        assertThat(replicas.removeAll(IMAGE)).as("a service already gone is no failure").isEmpty();

        assertThatThrownBy(() -> replicas.checkPerReplica("stopping a replica")).isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("stopping a replica is not supported when the control plane runs on "
                        + "Recording target: ")
                .hasMessageContaining("POST /containers/{image}/scale");
    }
}
