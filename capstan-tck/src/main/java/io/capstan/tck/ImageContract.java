package io.capstan.tck;

import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.ImageBuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Images a backend builds from a context and moves through a registry. A backend's test supplies the registry.
 */
public abstract class ImageContract extends EngineContractSupport {
    /** A registry on this machine to push to and pull from, such as {@code 127.0.0.1:5000}. */
    protected abstract String registry();

    @Test
    void aBuiltImageRuns(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve("hello.txt"), "built-by-capstan\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\nARG WHO=nobody\n"
                + "COPY hello.txt /hello.txt\nLABEL io.capstan.test.who=$WHO\nCMD [\"cat\", \"/hello.txt\"]\n");
        String built = "capstan-tck-build-" + run + ":latest";
        imagesToRemove.add(built);
        List<String> progress = new CopyOnWriteArrayList<>();
        ImageInfo result = engine.images().build(new ImageBuild(context, null, List.of(built), Map.of("WHO", "tck"),
                null, labels()), progress::add);
        assertThat(result.repoTags()).contains(built);
        assertThat(progress).anyMatch(l -> l.contains("COPY hello.txt"));

        String name = name("built");
        engine.containers().create(ContainerSpec.builder(built).name(name).labels(labels()).build());
        engine.containers().start(name);
        await().atMost(PATIENCE).until(() -> engine.containers().inspect(name).status() == ContainerStatus.EXITED);
        assertThat(logs(name)).containsExactly("built-by-capstan");
        engine.containers().remove(name, false, false);
    }

    @Test
    void buildFailureNamesTheStep(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\nCOPY missing.txt /x\n");
        assertThatThrownBy(() -> engine.images().build(new ImageBuild(context, null,
                List.of("capstan-tck-broken-" + run + ":latest"), Map.of(), null, labels()), l -> { }))
                .hasMessageContaining("missing.txt");
    }

    @Test
    void pushThenPullThroughARegistry() {
        String remote = registry() + "/capstan-tck-" + run + ":v1";
        imagesToRemove.add(remote);
        engine.images().tag(TestImages.BUSYBOX, remote);
        List<String> progress = new CopyOnWriteArrayList<>();
        engine.images().push(remote, progress::add);
        assertThat(progress).isNotEmpty();
        engine.images().remove(remote, false);
        assertThatThrownBy(() -> engine.images().inspect(remote)).isInstanceOf(NotFoundException.class);

        ImageInfo pulled = engine.images().pull(remote, l -> { });
        assertThat(pulled.repoTags()).contains(remote);
        assertThat(pulled.id()).isEqualTo(engine.images().inspect(TestImages.BUSYBOX).id());

        String missing = registry() + "/capstan-tck-never-pushed-" + run + ":v1";
        assertThatThrownBy(() -> engine.images().pull(missing, l -> { })).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(missing);
    }
}
