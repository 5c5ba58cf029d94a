package io.capstan.control.managed;

import io.capstan.core.error.EngineException;
import io.capstan.tck.fake.FakeEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the control plane asks of an engine that offers only some capabilities (the fake: no stats, no layer sizes). */
class ManagedContainersCapabilitiesTest {
    private static final String IMAGE = "caps13-app:1";

    private final FakeEngine engine = new FakeEngine();
    private final ManagedContainers containers = new ManagedContainers(engine, new ManagedState("caps13-host"));

    @Test
    void statsFromAnEngineWithoutThemAreOneClearLine() {
        engine.addImage(IMAGE);
        ManagedContainer replica = containers.create(CreateRequest.of(IMAGE));
        assertThat(replica.isRunning()).isTrue();

        assertThatThrownBy(() -> containers.stats(replica.id())).isInstanceOf(EngineException.class)
                .hasMessage("engine fake cannot report container stats");
        assertThatThrownBy(() -> containers.statsSince(replica.id(), null)).isInstanceOf(EngineException.class)
                .hasMessage("engine fake cannot report container stats");
        assertThatThrownBy(() -> containers.writableLayerSizes(IMAGE)).isInstanceOf(EngineException.class)
                .hasMessage("engine fake cannot report writable-layer sizes");
    }
}
