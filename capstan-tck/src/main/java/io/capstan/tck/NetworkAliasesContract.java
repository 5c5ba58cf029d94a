package io.capstan.tck;

import io.capstan.core.engine.NetworkAliases;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.core.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link NetworkAliases} capability as objects: containers given aliases at creation or when connected. That
 * other containers reach them by those names is in {@link RunningContainersContract}.
 */
public abstract class NetworkAliasesContract extends EngineContractSupport {
    @Test
    void aContainerConnectedWithAliasesJoinsTheNetwork() {
        String net = name("net3");
        engine.networks().create(NetworkSpec.bridge(net, labels()));
        String c = name("joiner");
        engine.containers().create(spec(c).command("sleep", "300").build());
        engine.require(NetworkAliases.class, "give containers network aliases").connect(net, c, List.of("joined"));
        assertThat(engine.containers().inspect(c).networks()).contains(net);
        engine.networks().disconnect(net, c, false);
        assertThat(engine.containers().inspect(c).networks()).doesNotContain(net);
    }

    @Test
    void aContainerCreatedWithAliasesIsOnItsNetwork() {
        String net = name("net4");
        engine.networks().create(NetworkSpec.bridge(net, labels()));
        String c = name("aliased");
        engine.containers().create(spec(c).network(new NetworkAttachment(net, List.of("backend"))).command("sleep", "300").build());
        engine.containers().start(c);
        assertThat(engine.containers().inspect(c).networks()).containsExactly(net);
    }
}
