package io.capstan.tck;

import io.capstan.core.engine.WritableLayerSizes;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@link WritableLayerSizes} capability: how much each container wrote to its own layer. */
public abstract class WritableLayerSizesContract extends EngineContractSupport {
    @Test
    void writableLayerSizesCountWhatAContainerWrote() {
        String name = name("layer");
        String id = engine.containers().create(spec(name)
                .command("sh", "-c", "dd if=/dev/zero of=/filler bs=1024 count=3072 2>/dev/null; exec sleep 600").build());
        engine.containers().start(name);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(engine.require(WritableLayerSizes.class, "report writable-layer sizes")
                .writableLayerSizes(Map.of(TEST_LABEL, run))).containsKey(id)
                .hasEntrySatisfying(id, size -> assertThat(size).isGreaterThanOrEqualTo(3L << 20)));
    }
}
