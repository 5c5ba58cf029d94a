package io.capstan.stack.run;

import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What a failed {@code up} leaves behind, with and without {@code --rollback}, and what {@code down} removes: only ever
 * the stack's own, never another stack's or what Capstan did not create. A failure mid-up is a published host port
 * that a container outside the stack holds.
 */
class StackRollbackAndDownOnFakeEngineTest {
    @TempDir
    Path dir;

    private FakeStack fake;
    private String proxy;

    /** Another stack and a container that is not Capstan's (it holds host port 8080): neither may be touched. */
    private void neighbours() {
        fake = new FakeStack(dir);
        fake.runner(fake.project("other", """
                services:
                  app: {image: capstan-busybox:test, volumes: ["data:/data"]}
                volumes:
                  data: {}
                """)).up(StackRunner.UpOptions.DEFAULT);
        proxy = fake.engine.containers().create(ContainerSpec.builder(FakeStack.IMAGE).name("proxy")
                .port(PortMapping.tcp(80, 8080)).build());
        fake.engine.containers().start(proxy);
    }

    private void assertNeighboursUntouched() {
        assertThat(fake.resourcesOf("other")).containsExactlyInAnyOrder("container other-app-1", "network other_default",
                "volume other_data");
        assertThat(fake.engine.containers().inspect("other-app-1").status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(fake.engine.containers().inspect(proxy).status()).isEqualTo(ContainerStatus.RUNNING);
    }

    private static final String SIDE_AND_WEB = """
            services:
              side: {image: capstan-busybox:test, volumes: ["data:/data"]}
              web: {image: capstan-busybox:test, ports: ["8080:80"]}
            volumes:
              data: {}
            """;

    @Test
    void rollbackRemovesWhatTheFailedUpCreatedAndNothingElse() {
        neighbours();
        ComposeProject shop = fake.project("shop", SIDE_AND_WEB);

        assertThatThrownBy(() -> fake.runner(shop).up(FakeStack.ROLLBACK))
                .hasMessage("up failed: service 'web' failed: container 'shop-web-1': host port 8080 is already in use: "
                        + "publish on another port or stop what uses it; removed what this up created: 2 containers, "
                        + "1 network, 1 volume");

        assertThat(fake.resourcesOf("shop")).isEmpty();
        assertNeighboursUntouched();
    }

    @Test
    void withoutRollbackWhatTheFailedUpCreatedIsLeftForPs() {
        neighbours();
        ComposeProject shop = fake.project("shop", SIDE_AND_WEB);

        assertThatThrownBy(() -> fake.runner(shop).up(StackRunner.UpOptions.DEFAULT))
                .hasMessageContaining("service 'web' failed")
                .hasMessageEndingWith("the 2 containers this up created are left in place (see 'ps'; --rollback removes them)");

        assertThat(fake.runner(shop).ps()).extracting(StackRunner.Row::container, StackRunner.Row::state)
                .containsExactly(tuple("shop-side-1", "running"),
                        tuple("shop-web-1", "created"));
        assertNeighboursUntouched();
    }

    @Test
    void rollbackKeepsWhatAnEarlierUpMade() {
        neighbours();
        ComposeProject first = fake.project("shop", """
                services:
                  side: {image: capstan-busybox:test, volumes: ["data:/data"]}
                volumes:
                  data: {}
                """);
        fake.runner(first).up(StackRunner.UpOptions.DEFAULT);
        String side = fake.container(first, "side").id();
        ComposeProject second = fake.project("shop", SIDE_AND_WEB);

        assertThatThrownBy(() -> fake.runner(second).up(FakeStack.ROLLBACK))
                .hasMessageEndingWith("; removed what this up created: 1 container");

        assertThat(fake.container(second, "side").id()).isEqualTo(side);
        assertThat(fake.container(second, "side").status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(fake.resourcesOf("shop")).containsExactlyInAnyOrder("container shop-side-1", "network shop_default",
                "volume shop_data");
        assertNeighboursUntouched();
    }

    @Test
    void downStopsDependentsFirstAndKeepsVolumesUnlessAskedAndTouchesOnlyTheStacksOwn() throws Exception {
        neighbours();
        ComposeProject shop = fake.project("shop", """
                services:
                  db: {image: capstan-busybox:test, volumes: ["data:/data"]}
                  api: {image: capstan-busybox:test, depends_on: [db]}
                  web: {image: capstan-busybox:test, depends_on: [api]}
                volumes:
                  data: {}
                """);
        fake.runner(shop).up(StackRunner.UpOptions.DEFAULT);
        // carries the stack's name but not Capstan's ownership label: someone else's container
        String lookalike = fake.engine.containers().create(ContainerSpec.builder(FakeStack.IMAGE).name("shop-db-manual")
                .label(Labels.STACK, "shop").label(Labels.SERVICE, "db").build());
        fake.engine.containers().start(lookalike);

        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription watch = fake.engine.events(EventFilter.containers(Map.of()), events::add)) {
            fake.runner(shop).down(Duration.ofSeconds(1), false);
            assertThat(fake.engine.awaitEventsDelivered(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(events).filteredOn(e -> e.is(EventKind.DIED)).extracting(e -> e.attributes().get("name"))
                .containsExactly("shop-web-1", "shop-api-1", "shop-db-1");
        assertThat(fake.resourcesOf("shop")).as("the volume is kept without -v").containsExactly("volume shop_data");
        assertThat(fake.engine.containers().inspect(lookalike).status()).isEqualTo(ContainerStatus.RUNNING);
        assertNeighboursUntouched();

        fake.runner(shop).down(Duration.ofSeconds(1), true);

        assertThat(fake.resourcesOf("shop")).isEmpty();
        assertThat(fake.engine.containers().inspect(lookalike).status()).isEqualTo(ContainerStatus.RUNNING);
        assertNeighboursUntouched();
    }
}
