package io.capstan.tck.fake;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.ExecOptions;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.OneShotStats;
import io.capstan.core.engine.RootfsImport;
import io.capstan.core.engine.Subscription;
import io.capstan.core.engine.WritableLayerSizes;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.Health;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.tck.ContainerEngineContract;
import io.capstan.tck.LiveResourceUpdateContract;
import io.capstan.tck.NetworkAliasesContract;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The in-memory fake engine passes the suites it supports: the base contract, network aliases and live resource
 * updates. It does not run {@code RunningContainersContract} (no process runs in it), {@code ImageContract} (it
 * cannot build or push), nor the one-shot stats, writable-layer sizes and rootfs import suites (capabilities it
 * does not offer).
 */
class FakeEngineTest {

    private static FakeEngine fake() {
        FakeEngine engine = new FakeEngine();
        engine.addImage(TestImages.BUSYBOX);
        return engine;
    }

    @Nested
    class Base extends ContainerEngineContract {
        @Override
        protected ContainerEngine createEngine() {
            return fake();
        }
    }

    @Nested
    class Aliases extends NetworkAliasesContract {
        @Override
        protected ContainerEngine createEngine() {
            return fake();
        }
    }

    @Nested
    class LiveUpdate extends LiveResourceUpdateContract {
        @Override
        protected ContainerEngine createEngine() {
            return fake();
        }
    }

    /** What only the fake does: a test says what a container's process does. */
    @Nested
    class WhatOnlyTheFakeDoes {
        private final FakeEngine engine = fake();

        private String running(String name) {
            String id = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(name).build());
            engine.containers().start(id);
            return id;
        }

        @Test
        void aContainerExitsWithTheCodeItIsGivenAndADieEventSaysSo() {
            List<EngineEvent> seen = new CopyOnWriteArrayList<>();
            try (Subscription events = engine.events(EventFilter.ALL, seen::add)) {
                String id = running("fake-exit");
                engine.exit("fake-exit", 3);
                assertThat(engine.containers().inspect(id).status()).isEqualTo(ContainerStatus.EXITED);
                assertThat(engine.containers().inspect(id).exitCode()).isEqualTo(3);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seen)
                        .filteredOn(e -> e.actorId().equals(id)).extracting(EngineEvent::action)
                        .containsExactly("create", "start", "die"));
                assertThat(seen.getLast().attributes()).containsEntry("exitCode", "3").containsEntry("name", "fake-exit");
            }
        }

        @Test
        void logsAreTheLinesItWasFedAndAFollowerEndsWhenTheContainerStops() throws InterruptedException {
            running("fake-talker");
            engine.log("fake-talker", LogLine.Stream.STDOUT, "one");
            engine.log("fake-talker", LogLine.Stream.STDERR, "two");
            List<LogLine> followed = new CopyOnWriteArrayList<>();
            try (Subscription follow = engine.containers().logs("fake-talker", new LogOptions(true, 1, false), followed::add)) {
                engine.log("fake-talker", LogLine.Stream.STDOUT, "three");
                engine.containers().stop("fake-talker", Duration.ZERO);
                assertThat(follow.awaitCompletion(Duration.ofSeconds(5))).as("follow ends when the container stops").isTrue();
            }
            assertThat(followed).extracting(LogLine::text).containsExactly("two", "three");

            List<String> all = new CopyOnWriteArrayList<>();
            try (Subscription logs = engine.containers().logs("fake-talker", LogOptions.ALL, l -> all.add(l.text()))) {
                assertThat(logs.awaitCompletion(Duration.ofSeconds(5))).isTrue();
            }
            assertThat(all).containsExactly("one", "two", "three");
        }

        @Test
        void everyActionAfterSubscribingIsDeliveredInTheOrderItHappened() throws Exception {
            List<String> seen = new CopyOnWriteArrayList<>();
            try (Subscription events = engine.events(EventFilter.containers(Map.of()), e -> seen.add(e.actorId() + " " + e.action()))) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    String id = running("fake-order-" + i);
                    engine.containers().kill(id, "KILL");
                    expected.addAll(List.of(id + " create", id + " start", id + " kill", id + " die"));
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == expected.size());
                assertThat(seen).containsExactlyElementsOf(expected);
            }
        }

        @Test
        void concurrentCallersNeverShareANameAndEveryContainerIsListed() throws Exception {
            List<String> ids = new CopyOnWriteArrayList<>();
            List<Throwable> refused = new CopyOnWriteArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    String name = "fake-race-" + (i % 100);
                    pool.submit(() -> {
                        try {
                            ids.add(engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(name).build()));
                        } catch (RuntimeException e) {
                            refused.add(e);
                        }
                    });
                }
            }
            assertThat(ids).hasSize(100).doesNotHaveDuplicates();
            assertThat(refused).hasSize(100).allSatisfy(e -> assertThat(e).hasMessageContaining("is already in use"));
            assertThat(engine.containers().list(ContainerFilter.ALL)).hasSize(100);
        }

        @Test
        void idsAreTheSameOnEveryRun() {
            FakeEngine other = fake();
            String here = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name("fake-same").build());
            String there = other.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name("fake-same").build());
            assertThat(here).isEqualTo(there).hasSize(64);
        }

        @Test
        void healthAndFailedStartsAreWhatTheTestSays() {
            String id = running("fake-health");
            engine.health(id, Health.HEALTHY);
            assertThat(engine.containers().inspect(id).health()).isEqualTo(Health.HEALTHY);

            engine.containers().stop(id, Duration.ZERO);
            engine.failStarts(id, new EngineException("container 'fake-health': no space left on device"));
            assertThatThrownBy(() -> engine.containers().start(id)).hasMessageContaining("no space left on device");
            assertThat(engine.containers().inspect(id).status()).isEqualTo(ContainerStatus.EXITED);
        }

        @Test
        void aHostPortHeldByAnotherRunningContainerFailsTheStartAsTheEnginesDoes() {
            String holder = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name("fake-port-holder")
                    .port(PortMapping.tcp(80, 8080)).build());
            engine.containers().start(holder);
            String second = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name("fake-port-second")
                    .port(PortMapping.tcp(80, 8080)).build());
            assertThatThrownBy(() -> engine.containers().start(second)).isInstanceOf(ConflictException.class)
                    .hasMessage("container 'fake-port-second': host port 8080 is already in use: publish on another port"
                            + " or stop what uses it");
            assertThat(engine.containers().inspect(second).status()).isEqualTo(ContainerStatus.CREATED);

            String udp = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name("fake-port-udp")
                    .port(new PortMapping(53, "udp", "", 8080)).build());
            engine.containers().start(udp);
            String ranged = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name("fake-port-range")
                    .port(new PortMapping(80, "tcp", "", 8080, 8081)).build());
            engine.containers().start(ranged);
            assertThat(engine.containers().inspect(ranged).ports()).extracting(PortMapping::hostPort).containsExactly(8081);

            engine.containers().stop(holder, Duration.ZERO);
            engine.containers().start(second);
            assertThat(engine.containers().inspect(second).ports()).extracting(PortMapping::hostPort).containsExactly(8080);
        }

        @Test
        void whatItCannotDoIsOneClearLine() {
            running("fake-noexec");
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            assertThatThrownBy(() -> engine.containers().exec("fake-noexec", ExecOptions.of("true"), null, sink, sink))
                    .isInstanceOf(EngineException.class).hasMessage("engine fake cannot run commands in a container: it runs no processes");
            assertThat(engine.capability(OneShotStats.class)).isEmpty();
            assertThat(engine.capability(WritableLayerSizes.class)).isEmpty();
            assertThatThrownBy(() -> engine.require(RootfsImport.class, "import a root filesystem"))
                    .isInstanceOf(EngineException.class).hasMessage("engine fake cannot import a root filesystem");
        }
    }
}
