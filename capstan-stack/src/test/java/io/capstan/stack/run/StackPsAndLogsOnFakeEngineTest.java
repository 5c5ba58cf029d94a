package io.capstan.stack.run;

import io.capstan.core.engine.Subscription;
import io.capstan.core.model.Health;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** {@code ps} and {@code logs} as the runner reports them: the stack's containers only, by service and replica. */
class StackPsAndLogsOnFakeEngineTest {
    private static final Duration GUARD = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FakeStack fake;
    private StackRunner shop;

    @BeforeEach
    void upAStackBesideOthers() {
        fake = new FakeStack(dir);
        fake.runner(fake.project("other", "services:\n  web: {image: capstan-busybox:test}\n"))
                .up(StackRunner.UpOptions.DEFAULT);
        fake.engine.containers().start(fake.engine.containers().create(ContainerSpec.builder(FakeStack.IMAGE)
                .name("shop-lookalike").build()));
        ComposeProject project = fake.project("shop", """
                services:
                  web: {image: capstan-busybox:test, ports: ["8080:80"]}
                  db:
                    image: capstan-busybox:test
                    healthcheck: {test: ["CMD", "true"]}
                  worker: {image: capstan-busybox:test, deploy: {replicas: 2}}
                """);
        shop = fake.runner(project);
        shop.up(StackRunner.UpOptions.DEFAULT);
    }

    @Test
    void psListsEveryContainerOfTheStackWithStateHealthAndPorts() {
        assertThat(shop.ps()).extracting(StackRunner.Row::service, StackRunner.Row::container, StackRunner.Row::state,
                StackRunner.Row::health, StackRunner.Row::ports).containsExactly(
                tuple("db", "shop-db-1", "running", "starting", ""),
                tuple("web", "shop-web-1", "running", "", "0.0.0.0:8080->80/tcp"),
                tuple("worker", "shop-worker-1", "running", "", ""),
                tuple("worker", "shop-worker-2", "running", "", ""));

        fake.engine.health("shop-db-1", Health.HEALTHY);
        fake.engine.exit("shop-worker-2", 1);

        assertThat(shop.ps()).extracting(StackRunner.Row::container, StackRunner.Row::state, StackRunner.Row::health)
                .containsExactly(tuple("shop-db-1", "running", "healthy"), tuple("shop-web-1", "running", ""),
                        tuple("shop-worker-1", "running", ""), tuple("shop-worker-2", "exited", ""));
    }

    @Test
    void logsPrefixEachLineWithServiceAndReplicaAndKeepEachContainersOrder() throws Exception {
        fake.engine.log("shop-web-1", LogLine.Stream.STDOUT, "GET /");
        fake.engine.log("shop-db-1", LogLine.Stream.STDERR, "ready");
        fake.engine.log("shop-web-1", LogLine.Stream.STDOUT, "GET /health");
        fake.engine.log("shop-worker-2", LogLine.Stream.STDOUT, "job 7 done");
        fake.engine.log("shop-lookalike", LogLine.Stream.STDOUT, "not the stack's");
        fake.engine.log("other-web-1", LogLine.Stream.STDOUT, "another stack's");

        List<String> all = read(List.of());
        assertThat(all).containsExactlyInAnyOrder("web-1 GET /", "web-1 GET /health", "db-1 ready", "worker-2 job 7 done");
        assertThat(all).filteredOn(l -> l.startsWith("web-1")).containsExactly("web-1 GET /", "web-1 GET /health");
        assertThat(read(List.of("db"))).containsExactly("db-1 ready");
    }

    @Test
    void followedLogsGetNewLinesUntilTheContainerStops() throws Exception {
        fake.engine.log("shop-web-1", LogLine.Stream.STDOUT, "before");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Subscription> follow = shop.logs(List.of("web"), true, (prefix, line) -> seen.add(prefix + " " + line.text()));
        try {
            fake.engine.log("shop-web-1", LogLine.Stream.STDOUT, "after");
            await().atMost(GUARD).until(() -> seen.contains("web-1 after"));
            fake.engine.containers().stop("shop-web-1", Duration.ZERO);
            assertThat(follow).singleElement().satisfies(s -> assertThat(s.awaitCompletion(GUARD)).isTrue());
        } finally {
            follow.forEach(Subscription::close);
        }
        assertThat(seen).containsExactly("web-1 before", "web-1 after");
    }

    private List<String> read(List<String> services) throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Subscription> streams = shop.logs(services, false, (prefix, line) -> lines.add(prefix + " " + line.text()));
        for (Subscription s : streams) {
            assertThat(s.awaitCompletion(GUARD)).isTrue();
        }
        return lines;
    }
}
