package io.capstan.tck;

import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.spec.VolumeSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link io.capstan.core.engine.ContainerEngine} backend does, the in-memory fake included: containers
 * through their lifecycle, listings by label, networks and volumes as objects, events, and the errors for names in
 * use and missing objects. A backend's test extends this (and the other suites it supports) and supplies the engine.
 */
public abstract class ContainerEngineContract extends EngineContractSupport {
    @Test
    void containerGoesThroughItsLifecycle() {
        String name = name("life");
        String id = engine.containers().create(spec(name).env("GREETING", "hello").command("sleep", "300").build());
        ContainerInfo created = engine.containers().inspect(id);
        assertThat(created.id()).isEqualTo(id);
        assertThat(created.status()).isEqualTo(ContainerStatus.CREATED);
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.environment()).containsEntry("GREETING", "hello");
        assertThat(created.labels()).containsEntry(TEST_LABEL, run);

        engine.containers().start(name);
        assertThat(engine.containers().inspect(created.id()).status()).isEqualTo(ContainerStatus.RUNNING);
        engine.containers().start(name); // starting a running container is no error

        engine.containers().stop(name, Duration.ofSeconds(1));
        ContainerInfo stopped = engine.containers().inspect(name);
        assertThat(stopped.status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(stopped.finishedAt()).isNotNull();
        engine.containers().stop(name, Duration.ofSeconds(1)); // stopping a stopped one neither

        engine.containers().restart(name, Duration.ofSeconds(1));
        assertThat(engine.containers().inspect(name).status()).isEqualTo(ContainerStatus.RUNNING);

        engine.containers().remove(name, true, true);
        assertThatThrownBy(() -> engine.containers().inspect(name)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(name);
    }

    @Test
    void listingFiltersByLabel() {
        String a = name("lsa");
        String b = name("lsb");
        engine.containers().create(spec(a).label(Labels.TEST_ROLE, "alpha").command("true").build());
        engine.containers().create(spec(b).label(Labels.TEST_ROLE, "beta").command("true").build());

        var alphas = engine.containers().list(ContainerFilter.allWithLabels(Map.of(TEST_LABEL, run, Labels.TEST_ROLE, "alpha")));
        assertThat(alphas).extracting(c -> c.name()).containsExactly(a);
        var anyRole = engine.containers().list(ContainerFilter.allWithLabels(Map.of(TEST_LABEL, run, Labels.TEST_ROLE, "")));
        assertThat(anyRole).extracting(c -> c.name()).contains(a, b);
        assertThat(engine.containers().list(new ContainerFilter(false, Map.of(TEST_LABEL, run, Labels.TEST_ROLE, "alpha"), null)))
                .as("created containers are not running").isEmpty();
    }

    @Test
    void networkConnectAndDisconnect() {
        String net = name("net2");
        engine.networks().create(NetworkSpec.bridge(net, labels()));
        String c = name("joiner");
        engine.containers().create(spec(c).command("sleep", "300").build());
        engine.networks().connect(net, c);
        assertThat(engine.containers().inspect(c).networks()).contains(net);
        engine.networks().disconnect(net, c, false);
        assertThat(engine.containers().inspect(c).networks()).doesNotContain(net);

        engine.networks().connect(net, c);
        engine.containers().start(c);
        assertThatThrownBy(() -> engine.networks().remove(net)).isInstanceOf(ConflictException.class)
                .hasMessageContaining(net);
        engine.containers().remove(c, true, false);
        engine.networks().remove(net);
        assertThatThrownBy(() -> engine.networks().inspect(net)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aVolumeInUseIsKeptUntilItsContainerIsRemoved() {
        String volume = name("vol");
        var info = engine.volumes().create(new VolumeSpec(volume, null, labels()));
        assertThat(info.name()).isEqualTo(volume);
        assertThat(info.driver()).isEqualTo("local");
        assertThat(engine.volumes().list(labels())).extracting(v -> v.name()).contains(volume);

        String user = name("user");
        engine.containers().create(spec(user).mount(Mount.volume(volume, "/data")).command("true").build());
        assertThat(engine.containers().inspect(user).mounts()).contains(Mount.volume(volume, "/data"));
        assertThatThrownBy(() -> engine.volumes().remove(volume)).isInstanceOf(ConflictException.class);
        engine.containers().remove(user, false, false);
        engine.volumes().remove(volume);
        assertThatThrownBy(() -> engine.volumes().inspect(volume)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aKilledContainerIsSeenAsADieEvent() throws Exception {
        List<EngineEvent> seen = new CopyOnWriteArrayList<>();
        String name = name("victim");
        try (Subscription events = engine.events(EventFilter.containers(labels()), seen::add)) {
            String id = engine.containers().create(spec(name).command("sleep", "300").build());
            engine.containers().start(name);
            engine.containers().kill(name, "KILL");

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(seen)
                    .filteredOn(e -> e.actorId().equals(id))
                    .extracting(EngineEvent::kind)
                    .containsSubsequence(EventKind.CREATED, EventKind.STARTED, EventKind.KILLED, EventKind.DIED));
            EngineEvent die = seen.stream().filter(e -> e.is(EventKind.DIED) && e.actorId().equals(id)).findFirst().orElseThrow();
            assertThat(die.type()).isEqualTo("container");
            assertThat(die.attributes()).containsEntry("name", name).containsEntry("exitCode", "137").containsEntry(TEST_LABEL, run);
            assertThat(die.time()).isNotNull();
        }
    }

    @Test
    void unknownImageIsNotFoundAndNamesTheImage() {
        assertThatThrownBy(() -> engine.containers().create(ContainerSpec.builder("capstan-no-such-image:" + run)
                .labels(labels()).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("capstan-no-such-image:" + run)
                .hasMessageContaining("build it, import it or pull it");
    }

    @Test
    void duplicateNameIsAConflict() {
        String name = name("dup");
        engine.containers().create(spec(name).command("true").build());
        assertThatThrownBy(() -> engine.containers().create(spec(name).command("true").build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'" + name + "' is already in use");
    }

    @Test
    void duplicateNetworkNameIsAConflict() {
        String net = name("samenet");
        engine.networks().create(NetworkSpec.bridge(net, labels()));
        assertThatThrownBy(() -> engine.networks().create(NetworkSpec.bridge(net, labels())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'" + net + "' is already in use");
    }

    @Test
    void removingARunningContainerNeedsForce() {
        String name = name("running");
        engine.containers().create(spec(name).command("sleep", "300").build());
        engine.containers().start(name);
        assertThatThrownBy(() -> engine.containers().remove(name, false, false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'" + name + "' is running")
                .hasMessageContaining("--force");
        assertThat(engine.containers().inspect(name).status()).isEqualTo(ContainerStatus.RUNNING);
        engine.containers().remove(name, true, false);
    }

    @Test
    void operationsOnMissingObjectsAreNotFound() {
        String ghost = "capstan-ghost-" + run;
        assertThatThrownBy(() -> engine.containers().start(ghost)).isInstanceOf(NotFoundException.class).hasMessageContaining(ghost);
        assertThatThrownBy(() -> engine.containers().stop(ghost, Duration.ZERO)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.containers().remove(ghost, true, false)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.containers().logs(ghost, LogOptions.ALL, l -> { })).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.images().remove(ghost, false)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.networks().remove(ghost)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.volumes().inspect(ghost)).isInstanceOf(NotFoundException.class);
    }
}
