package io.capstan.tck;

import io.capstan.core.engine.LiveResourceUpdate;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.spec.Resources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link LiveResourceUpdate} capability: limits changed on a container without replacing it. */
public abstract class LiveResourceUpdateContract extends EngineContractSupport {
    private LiveResourceUpdate live() {
        return engine.require(LiveResourceUpdate.class, "change the limits of a container");
    }

    @Test
    void limitsAreVisibleAndChangeLive() {
        String name = name("limits");
        engine.containers().create(spec(name).command("sleep", "300").resources(Resources.parse("0.5", "64Mi")).build());
        engine.containers().start(name);
        assertThat(engine.containers().inspect(name).resources()).isEqualTo(new Resources(500_000_000L, 64L << 20));

        live().update(name, Resources.parse("1", "128m"));
        ContainerInfo updated = engine.containers().inspect(name);
        assertThat(updated.status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(updated.resources()).isEqualTo(new Resources(1_000_000_000L, 128L << 20));
    }
}
