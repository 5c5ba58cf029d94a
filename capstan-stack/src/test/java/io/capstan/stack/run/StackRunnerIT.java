package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import io.capstan.core.model.Health;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.RestartPolicy;
import io.capstan.docker.DockerEngine;
import io.capstan.docker.EngineLocator;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Capstan's own compose engine against the real Docker engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackRunnerIT {
    private static final String IMAGE = TestImages.BUSYBOX;
    private ContainerEngine engine;
    private final List<ComposeProject> started = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    void connect() {
        engine = EngineLocator.fromEnvironment().locate(null);
    }

    @AfterEach
    void downEverything() {
        started.forEach(p -> new StackRunner(engine, p, StackProgress.NONE).down(Duration.ZERO, true));
        started.clear();
    }

    @AfterAll
    void close() {
        engine.close();
    }

    private ComposeProject project(String compose) throws IOException {
        return project(compose, "capstan-it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Loads compose text as the stack {@code name}; a second call with the same name is the stack, changed. */
    private ComposeProject project(String compose, String name) throws IOException {
        Path file = Files.writeString(dir.resolve("compose-" + UUID.randomUUID() + ".yml"), compose);
        ComposeProject project = new ComposeLoader(Map.of(), dir).load(List.of(file), name);
        started.add(project);
        return project;
    }

    private StackRunner runner(ComposeProject project) {
        return new StackRunner(engine, project, StackProgress.NONE);
    }

    private ContainerInfo container(ComposeProject project, String service) {
        return engine.containers().inspect(new ServiceSpecs(project).containerName(project.services().get(service), 1));
    }

    @Test
    void upIsIdempotentAndRecreatesOnlyWhatChanged() throws IOException {
        String compose = """
                services:
                  web:
                    image: %s
                    command: ["httpd", "-f", "-p", "80", "-h", "/etc"]
                    environment: {COLOR: blue}
                  worker:
                    image: %s
                    command: ["sleep", "300"]
                    depends_on: [web]
                """.formatted(IMAGE, IMAGE);
        ComposeProject first = project(compose);
        StackRunner.UpResult up = runner(first).up(StackRunner.UpOptions.DEFAULT);
        assertThat(up.created()).hasSize(2 + 1); // two containers and the default network
        String webId = container(first, "web").id();
        String workerId = container(first, "worker").id();

        StackRunner.UpResult again = runner(first).up(StackRunner.UpOptions.DEFAULT);
        assertThat(again.created()).isEmpty();
        assertThat(again.plan().changesNothing()).isTrue();

        ComposeProject changed = project(compose.replace("COLOR: blue", "COLOR: red"), first.name());
        StackPlan plan = runner(changed).plan();
        assertThat(plan.actions()).filteredOn(a -> a instanceof StackPlan.Recreate).singleElement()
                .satisfies(a -> assertThat(((StackPlan.Recreate) a).changed()).containsExactly("environment"));
        runner(changed).up(StackRunner.UpOptions.DEFAULT);
        assertThat(container(changed, "web").id()).isNotEqualTo(webId);
        assertThat(container(changed, "web").environment()).containsEntry("COLOR", "red");
        assertThat(container(changed, "worker").id()).as("the dependent's own config did not change").isEqualTo(workerId);
    }

    @Test
    void servicesReachEachOtherByServiceNameOnTheStackNetwork() throws Exception {
        ComposeProject project = project("""
                services:
                  api:
                    image: %s
                    command: ["httpd", "-f", "-p", "8080", "-h", "/etc"]
                  client:
                    image: %s
                    command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://api:8080/passwd && exit 0; sleep 0.5; done; exit 1"]
                    depends_on: [api]
                """.formatted(IMAGE, IMAGE));
        runner(project).up(StackRunner.UpOptions.DEFAULT);
        await().atMost(Duration.ofSeconds(20)).until(() -> container(project, "client").status() == ContainerStatus.EXITED);
        assertThat(container(project, "client").exitCode()).isZero();
        assertThat(container(project, "api").networks()).containsExactly(project.name() + "_default");
    }

    @Test
    void dependencyConditionsAreWaitedFor() throws IOException {
        ComposeProject project = project("""
                services:
                  migrate:
                    image: %s
                    command: ["sh", "-c", "sleep 1; exit 0"]
                  db:
                    image: %s
                    command: ["sh", "-c", "sleep 1; touch /tmp/ready; exec sleep 300"]
                    healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 500ms, retries: 20}
                  app:
                    image: %s
                    command: ["sleep", "300"]
                    depends_on:
                      migrate: {condition: service_completed_successfully}
                      db: {condition: service_healthy}
                """.formatted(IMAGE, IMAGE, IMAGE));
        runner(project).up(StackRunner.UpOptions.DEFAULT);
        ContainerInfo app = container(project, "app");
        ContainerInfo migrate = container(project, "migrate");
        assertThat(migrate.status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(app.startedAt()).isAfter(migrate.finishedAt());
        assertThat(container(project, "db").health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void anUnhealthyDependencyStopsItsDependentsAndSaysWhy() throws IOException {
        ComposeProject project = project("""
                services:
                  db:
                    image: %s
                    command: ["sleep", "300"]
                    healthcheck: {test: ["CMD", "false"], interval: 300ms, retries: 2}
                  app:
                    image: %s
                    command: ["sleep", "300"]
                    depends_on: {db: {condition: service_healthy}}
                  independent:
                    image: %s
                    command: ["sleep", "300"]
                """.formatted(IMAGE, IMAGE, IMAGE));
        assertThatThrownBy(() -> runner(project).up(StackRunner.UpOptions.DEFAULT))
                .hasMessageContaining("service 'app' was not started: 'db' is unhealthy")
                .hasMessageContaining("left in place");
        assertThat(container(project, "independent").isRunning()).as("unrelated services still start").isTrue();
        assertThatThrownBy(() -> container(project, "app")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPortInUseFailsThatServiceAndRollbackRemovesWhatUpCreated() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            ComposeProject project = project("""
                    services:
                      web:
                        image: %s
                        command: ["httpd", "-f", "-p", "80"]
                        ports: ["%d:80"]
                      side:
                        image: %s
                        command: ["sleep", "300"]
                        volumes: ["data:/data"]
                    volumes:
                      data: {}
                    """.formatted(IMAGE, taken.getLocalPort(), IMAGE));
            StackRunner.UpOptions rollback = new StackRunner.UpOptions(false, false, true, false, Duration.ofMinutes(1));
            assertThatThrownBy(() -> runner(project).up(rollback))
                    .hasMessageContaining("service 'web' failed")
                    .hasMessageContaining("host port " + taken.getLocalPort() + " is already in use")
                    .hasMessageContaining("removed what this up created: 2 containers, 1 network, 1 volume");
            assertThat(runner(project).stackContainers()).isEmpty();
            assertThat(engine.networks().list(StackLabels.filter(project.name()))).as("the network up made").isEmpty();
            assertThat(engine.volumes().list(StackLabels.filter(project.name()))).as("the volume up made").isEmpty();
        }
    }

    @Test
    void rollbackKeepsWhatAnEarlierUpMade() throws IOException {
        String name = "capstan-it-" + UUID.randomUUID().toString().substring(0, 8);
        ComposeProject first = project("""
                services:
                  side: {image: %s, command: ["sleep", "300"], volumes: ["data:/data"]}
                volumes:
                  data: {}
                """.formatted(IMAGE), name);
        runner(first).up(StackRunner.UpOptions.DEFAULT);
        String side = container(first, "side").id();
        try (ServerSocket taken = new ServerSocket(0)) {
            ComposeProject second = project("""
                    services:
                      side: {image: %s, command: ["sleep", "300"], volumes: ["data:/data"]}
                      web: {image: %s, command: ["httpd", "-f", "-p", "80"], ports: ["%d:80"]}
                    volumes:
                      data: {}
                    """.formatted(IMAGE, IMAGE, taken.getLocalPort()), name);
            StackRunner.UpOptions rollback = new StackRunner.UpOptions(false, false, true, false, Duration.ofMinutes(1));
            assertThatThrownBy(() -> runner(second).up(rollback))
                    .hasMessageContaining("removed what this up created: 1 container")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1 network").doesNotContain("1 volume"));
            assertThat(container(second, "side").id()).as("the earlier up's container").isEqualTo(side);
            assertThat(engine.networks().list(StackLabels.filter(name))).hasSize(1);
            assertThat(engine.volumes().list(StackLabels.filter(name))).hasSize(1);
        }
    }

    @Test
    void aContainerThatExitsAtOnceIsAFailureOfItsService() throws IOException {
        ComposeProject project = project("""
                services:
                  broken:
                    image: %s
                    command: ["sh", "-c", "echo cannot find config >&2; exit 3"]
                """.formatted(IMAGE));
        assertThatThrownBy(() -> runner(project).up(StackRunner.UpOptions.DEFAULT))
                .hasMessageContaining("service 'broken' failed: exited at once with code 3 (cannot find config)");
    }

    @Test
    void aServiceWithARestartPolicyThatExitsAtOnceIsLeftToTheEngineToRetry() throws Exception {
        ComposeProject project = project("""
                services:
                  retrying:
                    image: %s
                    command: ["sh", "-c", "exit 3"]
                    restart: on-failure:2
                """.formatted(IMAGE));
        runner(project).up(StackRunner.UpOptions.DEFAULT);
        assertThat(runner(project).stackContainers()).hasSize(1);
        String id = runner(project).stackContainers().getFirst().id();
        assertThat(engine.containers().inspect(id).restartPolicy())
                .isEqualTo(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 2));
        // as the engine has it, read by its own client rather than through Capstan's mapping
        assertThat(dockerInspect(id, "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"))
                .isEqualTo("on-failure 2");
        // and the engine acts on it: two retries, then it leaves the container exited with the code
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(dockerInspect(id, "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}"))
                        .isEqualTo("2 exited 3"));
    }

    private static String dockerInspect(String id, String format) throws IOException, InterruptedException {
        Process docker = new ProcessBuilder("docker", "inspect", "--format", format, id).redirectErrorStream(true).start();
        String out = new String(docker.getInputStream().readAllBytes()).strip();
        assertThat(docker.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void aMissingImageWithoutBuildNamesTheService() throws IOException {
        ComposeProject project = project("services:\n  ghost:\n    image: capstan-no-such-image:1\n");
        assertThatThrownBy(() -> runner(project).plan()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("service 'ghost' uses image 'capstan-no-such-image:1', which is not on the engine and has no build");
    }

    @Test
    void aDependencyCycleIsAConfigError() throws IOException {
        ComposeProject cyclic = project("""
                services:
                  a: {image: x, depends_on: [b]}
                  b: {image: x, depends_on: [c]}
                  c: {image: x, depends_on: [a]}
                """);
        started.remove(cyclic);
        assertThatThrownBy(() -> runner(cyclic)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("dependency cycle: a -> b -> c -> a");
    }

    @Test
    void buildSectionsAreBuiltAndCleanRemovesTheirImages() throws IOException {
        Path context = Files.createDirectories(dir.resolve("app"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + IMAGE + "\nRUN echo built > /built.txt\nCMD [\"sleep\", \"300\"]\n");
        ComposeProject project = project("services:\n  app:\n    build: ./app\n");
        runner(project).up(StackRunner.UpOptions.DEFAULT);
        assertThat(engine.images().inspect(project.name() + "-app").repoTags()).contains(project.name() + "-app:latest");
        assertThat(container(project, "app").isRunning()).isTrue();
        String outsider = "capstan-it-outsider-" + UUID.randomUUID().toString().substring(0, 6);
        engine.containers().create(ContainerSpec.builder(project.name() + "-app").name(outsider).build());
        try {
            assertThat(engine.containers().inspect(outsider).labels()).as("a container from a stack's image is not the stack's")
                    .doesNotContainKeys(Labels.OWNER, Labels.STACK);
        } finally {
            engine.containers().remove(outsider, true, false);
        }
        runner(project).clean(Duration.ZERO);
        assertThatThrownBy(() -> engine.images().inspect(project.name() + "-app")).isInstanceOf(NotFoundException.class);
        assertThat(runner(project).stackContainers()).isEmpty();
    }

    @Test
    void downStopsDependentsFirstAndLeavesNothingLabelled() throws Exception {
        ComposeProject project = project("""
                services:
                  db: {image: %s, command: ["sleep", "300"], volumes: ["data:/data"]}
                  api: {image: %s, command: ["sleep", "300"], depends_on: [db]}
                  web: {image: %s, command: ["sleep", "300"], depends_on: [api]}
                volumes:
                  data: {}
                """.formatted(IMAGE, IMAGE, IMAGE));
        runner(project).up(StackRunner.UpOptions.DEFAULT);
        String foreign = "capstan-it-foreign-" + UUID.randomUUID().toString().substring(0, 6);
        engine.containers().create(ContainerSpec.builder(IMAGE).name(foreign).command("sleep", "300")
                .label(Labels.STACK, "some-other-stack").build());
        try {
            List<EngineEvent> events = new CopyOnWriteArrayList<>();
            Subscription subscription = engine.events(EventFilter.containers(Map.of(Labels.STACK, project.name())), events::add);
            try {
                runner(project).down(Duration.ofSeconds(1), true);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        events.stream().filter(e -> e.is(EventKind.DESTROYED)).count() == 3);
            } finally {
                subscription.close();
            }
            List<String> dieOrder = events.stream().filter(e -> e.is(EventKind.DIED))
                    .map(e -> e.attributes().get(Labels.SERVICE)).toList();
            assertThat(dieOrder).containsExactly("web", "api", "db");
            assertThat(runner(project).stackContainers()).isEmpty();
            assertThat(engine.networks().list(StackLabels.filter(project.name()))).isEmpty();
            assertThat(engine.volumes().list(StackLabels.filter(project.name()))).isEmpty();
            assertThat(engine.containers().inspect(foreign).name()).as("not this stack's: untouched").isEqualTo(foreign);
        } finally {
            engine.containers().remove(foreign, true, false);
        }
    }

    @Test
    void orphansAreReportedAndRemovedOnlyWhenAsked() throws IOException {
        ComposeProject two = project("services:\n  a: {image: %s, command: [sleep, '300']}\n  b: {image: %s, command: [sleep, '300']}\n"
                .formatted(IMAGE, IMAGE));
        runner(two).up(StackRunner.UpOptions.DEFAULT);
        ComposeProject one = project("services:\n  a: {image: %s, command: [sleep, '300']}\n".formatted(IMAGE), two.name());
        StackRunner.UpResult kept = runner(one).up(StackRunner.UpOptions.DEFAULT);
        assertThat(kept.orphansLeft()).extracting(StackPlan.Orphan::service).containsExactly("b");
        runner(one).up(new StackRunner.UpOptions(false, true, false, false, Duration.ofMinutes(1)));
        assertThat(runner(one).stackContainers()).extracting(c -> c.labels().get(Labels.SERVICE)).containsExactly("a");
    }

    @Test
    void replicasScaleUpAndDown() throws IOException {
        String compose = "services:\n  w:\n    image: %s\n    command: [sleep, '300']\n    deploy: {replicas: 3}\n".formatted(IMAGE);
        ComposeProject three = project(compose);
        runner(three).up(StackRunner.UpOptions.DEFAULT);
        assertThat(runner(three).ps()).hasSize(3).allMatch(r -> r.state().equals("running"));
        ComposeProject one = project(compose.replace("replicas: 3", "replicas: 1"), three.name());
        runner(one).up(StackRunner.UpOptions.DEFAULT);
        assertThat(runner(one).ps()).extracting(StackRunner.Row::container).containsExactly(three.name() + "-w-1");
    }

    @Test
    void aSecondUpFinishesWhatAFailedOneStarted() throws IOException {
        ComposeProject failing = project("""
                services:
                  ok: {image: %s, command: [sleep, '300']}
                  bad: {image: %s, command: [sh, -c, 'exit 1']}
                """.formatted(IMAGE, IMAGE));
        assertThatThrownBy(() -> runner(failing).up(StackRunner.UpOptions.DEFAULT)).hasMessageContaining("service 'bad' failed");
        String okId = container(failing, "ok").id();
        ComposeProject fixed = project("""
                services:
                  ok: {image: %s, command: [sleep, '300']}
                  bad: {image: %s, command: [sleep, '300']}
                """.formatted(IMAGE, IMAGE), failing.name());
        runner(fixed).up(StackRunner.UpOptions.DEFAULT);
        assertThat(container(fixed, "ok").id()).isEqualTo(okId);
        assertThat(container(fixed, "bad").isRunning()).isTrue();
    }

    @Test
    void anEngineThatIsDownIsOneClearError() throws IOException {
        ComposeProject project = project("services:\n  a: {image: %s}\n".formatted(IMAGE));
        started.remove(project);
        try (DockerEngine down = DockerEngine.connect("unix://" + dir.resolve("no-engine.sock"))) {
            assertThatThrownBy(() -> new StackRunner(down, project, StackProgress.NONE).up(StackRunner.UpOptions.DEFAULT))
                    .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("does not answer");
        }
    }
}
