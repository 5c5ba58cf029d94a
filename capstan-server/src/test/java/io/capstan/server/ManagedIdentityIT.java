package io.capstan.server;

import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.Engines;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.ImageIdentity;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The control plane's engine-neutral identity of a managed container, on the real engine. */
class ManagedIdentityIT {
    private static final String IMAGE = "capstan-busybox:test";
    private final String prefix = "provider13-identity-" + UUID.randomUUID().toString().substring(0, 8);
    private ContainerEngine engine;

    @BeforeEach
    void connect() {
        engine = Engines.discover().locate(null);
    }

    @AfterEach
    void removeWhatThisTestMade() {
        for (String suffix : List.of("new", "old", "stack")) {
            try {
                engine.containers().remove(prefix + "-" + suffix, true, false);
            } catch (NotFoundException alreadyGone) {
                // never made, or removed by the test
            }
        }
        engine.close();
    }

    @Test
    void aManagedContainerCarriesTheSeedsLabelAndTheNeutralPairAndOldContainersAreStillAdopted() {
        var containers = new ManagedContainers(engine, new ManagedState("provider13"));
        ManagedContainer made = containers.create(new CreateRequest(IMAGE, Map.of(), Map.of(), ResourceLimits.NONE,
                List.of("sleep", "300"), prefix + "-new"));

        assertThat(engine.containers().inspect(made.id()).labels())
                .containsEntry(Labels.MANAGED_BY, IMAGE)
                .containsEntry(Labels.MANAGED_IMAGE, IMAGE)
                .containsEntry(Labels.MANAGED_IMAGE_HASH, ImageIdentity.hash(IMAGE));

        String old = engine.containers().create(ContainerSpec.builder(IMAGE).name(prefix + "-old")
                .labels(Labels.owned()).label(Labels.MANAGED_BY, IMAGE).command("sleep", "300").build());
        engine.containers().start(old);
        engine.containers().create(ContainerSpec.builder(IMAGE).name(prefix + "-stack")
                .labels(Labels.owned()).label(Labels.STACK, prefix).command("sleep", "300").build());

        var restarted = new ManagedState("provider13");
        new ManagedContainers(engine, restarted).resync();

        assertThat(restarted.all()).filteredOn(c -> c.name().startsWith(prefix))
                .extracting(ManagedContainer::name, ManagedContainer::image)
                .containsExactlyInAnyOrder(tuple(prefix + "-new", IMAGE), tuple(prefix + "-old", IMAGE));
    }
}
