package io.capstan.tck;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.ExecOptions;
import io.capstan.core.engine.TerminalSize;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStats;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.ImageBuild;
import io.capstan.core.spec.Ipam;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.VolumeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link ContainerEngine} backend passes. A backend's integration test extends this and
 * supplies the engine; everything runs against a real engine. Every object the contract creates carries the
 * label {@code io.capstan.test=<run id>} and is removed by label afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContainerEngineContract {
    protected static final String TEST_LABEL = Labels.TEST;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    protected final String run = UUID.randomUUID().toString().substring(0, 8);
    protected ContainerEngine engine;
    private final List<String> imagesToRemove = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The engine under test; called once. */
    protected abstract ContainerEngine createEngine();

    /** A registry on this machine to push to and pull from, such as {@code 127.0.0.1:5000}. */
    protected abstract String registry();

    @BeforeAll
    void connect() {
        engine = createEngine();
        assertThat(engine.images().inspect(TestImages.BUSYBOX).id())
                .as("the test image %s (built by the test command)", TestImages.BUSYBOX).isNotBlank();
    }

    @AfterAll
    void reap() {
        if (engine == null) {
            return;
        }
        Map<String, String> mine = Map.of(TEST_LABEL, run);
        engine.containers().list(ContainerFilter.allWithLabels(mine)).forEach(c -> ignoringNotFound(
                () -> engine.containers().remove(c.id(), true, true)));
        engine.networks().list(mine).forEach(n -> ignoringNotFound(() -> engine.networks().remove(n.id())));
        engine.volumes().list(mine).forEach(v -> ignoringNotFound(() -> engine.volumes().remove(v.name())));
        imagesToRemove.forEach(i -> ignoringNotFound(() -> engine.images().remove(i, true)));
        engine.close();
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------------

    @Test
    void containerGoesThroughItsLifecycle() {
        String name = name("life");
        String id = engine.containers().create(spec(name).env("GREETING", "hello").command("sleep", "300").build());
        ContainerInfo created = engine.containers().inspect(id);
        assertThat(created.id()).isEqualTo(id);
        assertThat(created.status()).isEqualTo(ContainerStatus.CREATED);
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.environment()).containsEntry("GREETING", "hello");
        assertThat(created.labels()).containsEntry(TEST_LABEL, run);

        engine.containers().start(name);
        assertThat(engine.containers().inspect(created.id()).status()).isEqualTo(ContainerStatus.RUNNING);
        engine.containers().start(name); // starting a running container is no error

        engine.containers().stop(name, Duration.ofSeconds(1));
        ContainerInfo stopped = engine.containers().inspect(name);
        assertThat(stopped.status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(stopped.finishedAt()).isNotNull();
        engine.containers().stop(name, Duration.ofSeconds(1)); // stopping a stopped one neither

        engine.containers().restart(name, Duration.ofSeconds(1));
        assertThat(engine.containers().inspect(name).status()).isEqualTo(ContainerStatus.RUNNING);

        engine.containers().remove(name, true, true);
        assertThatThrownBy(() -> engine.containers().inspect(name)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(name);
    }

    @Test
    void exitedContainerReportsItsExitCode() {
        String name = name("exit");
        engine.containers().create(spec(name).command("sh", "-c", "exit 3").build());
        engine.containers().start(name);
        await().atMost(PATIENCE).until(() -> engine.containers().inspect(name).status() == ContainerStatus.EXITED);
        assertThat(engine.containers().inspect(name).exitCode()).isEqualTo(3);
    }

    @Test
    void listingFiltersByLabel() {
        String a = name("lsa");
        String b = name("lsb");
        engine.containers().create(spec(a).label(Labels.TEST_ROLE, "alpha").command("true").build());
        engine.containers().create(spec(b).label(Labels.TEST_ROLE, "beta").command("true").build());

        var alphas = engine.containers().list(ContainerFilter.allWithLabels(Map.of(TEST_LABEL, run, Labels.TEST_ROLE, "alpha")));
        assertThat(alphas).extracting(c -> c.name()).containsExactly(a);
        var anyRole = engine.containers().list(ContainerFilter.allWithLabels(Map.of(TEST_LABEL, run, Labels.TEST_ROLE, "")));
        assertThat(anyRole).extracting(c -> c.name()).contains(a, b);
        assertThat(engine.containers().list(new ContainerFilter(false, Map.of(TEST_LABEL, run, Labels.TEST_ROLE, "alpha"), null)))
                .as("created containers are not running").isEmpty();
    }

    // ---- ports ----------------------------------------------------------------------------------------------------

    @Test
    void publishedPortAnswers() throws Exception {
        int port = freePort();
        String name = name("web");
        engine.containers().create(httpd(name).port(PortMapping.tcp(80, port)).build());
        engine.containers().start(name);

        assertThat(engine.containers().inspect(name).ports()).contains(new PortMapping(80, "tcp", "", port));
        await().atMost(PATIENCE).ignoreExceptions().until(() -> get("http://127.0.0.1:" + port + "/passwd").contains("root:"));
    }

    @Test
    void hostPortZeroGetsAFreePortFromTheEngine() throws Exception {
        String name = name("anyport");
        engine.containers().create(httpd(name).port(new PortMapping(80, "tcp", "127.0.0.1", 0)).build());
        engine.containers().start(name);

        PortMapping bound = engine.containers().inspect(name).ports().getFirst();
        assertThat(bound.hostPort()).isPositive();
        assertThat(bound.hostIp()).isEqualTo("127.0.0.1");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> get("http://127.0.0.1:" + bound.hostPort() + "/passwd").contains("root:"));
        assertThat(engine.containers().list(ContainerFilter.allWithLabels(Map.of(TEST_LABEL, run))))
                .filteredOn(c -> c.name().equals(name)).singleElement()
                .satisfies(c -> assertThat(c.ports()).contains(bound));
    }

    // ---- resources ------------------------------------------------------------------------------------------------

    @Test
    void limitsAreVisibleAndChangeLive() {
        String name = name("limits");
        engine.containers().create(spec(name).command("sleep", "300").resources(Resources.parse("0.5", "64Mi")).build());
        engine.containers().start(name);
        assertThat(engine.containers().inspect(name).resources()).isEqualTo(new Resources(500_000_000L, 64L << 20));
        assertThat(engine.containers().stats(name).memoryLimit()).isEqualTo(64L << 20);

        engine.containers().update(name, Resources.parse("1", "128m"));
        ContainerInfo updated = engine.containers().inspect(name);
        assertThat(updated.status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(updated.resources()).isEqualTo(new Resources(1_000_000_000L, 128L << 20));
        assertThat(engine.containers().stats(name).memoryLimit()).isEqualTo(128L << 20);
    }

    @Test
    void statsReportUsage() {
        String name = name("stats");
        // a known load: 8 MiB in /dev/shm (a tmpfs, so memory) and a busy loop under 0.2 CPU
        engine.containers().create(spec(name).command("sh", "-c",
                        "dd if=/dev/zero of=/dev/shm/fill bs=1M count=8 2>/dev/null && while :; do :; done")
                .resources(Resources.parse("0.2", "32m")).build());
        engine.containers().start(name);

        await().atMost(PATIENCE).untilAsserted(() -> {
            ContainerStats stats = engine.containers().stats(name);
            assertThat(stats.cpuPercent()).isGreaterThan(1.0).isLessThan(60.0);
            assertThat(stats.memoryUsage()).isPositive();
            assertThat(stats.memoryLimit()).isEqualTo(32L << 20);
            assertThat(stats.memoryPercent()).isBetween(0.0, 100.0);
            assertThat(stats.pids()).isGreaterThanOrEqualTo(1);
            assertThat(stats.memoryUsage()).as("8 MiB in /dev/shm").isBetween(8L << 20, 10L << 20);
            assertThat(stats.memoryPercent()).as("8 MiB of 32").isBetween(25.0, 31.3);
            assertThat(stats.cpuPercent()).as("0.2 CPU, less when the host is busy").isBetween(12.0, 25.0);
        });
    }

    @Test
    void writableLayerSizesCountWhatAContainerWrote() {
        String name = name("layer");
        String id = engine.containers().create(spec(name)
                .command("sh", "-c", "dd if=/dev/zero of=/filler bs=1024 count=3072 2>/dev/null; exec sleep 600").build());
        engine.containers().start(name);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(engine.containers()
                .writableLayerSizes(Map.of(TEST_LABEL, run))).containsKey(id)
                .hasEntrySatisfying(id, size -> assertThat(size).isGreaterThanOrEqualTo(3L << 20)));
    }

    @Test
    void statsSinceAnEarlierSampleCoverTheTimeBetween() throws InterruptedException {
        String name = name("stats-since");
        engine.containers().create(spec(name).command("sh", "-c", "while :; do :; done")
                .resources(Resources.parse("0.2", "32m")).build());
        engine.containers().start(name);
        ContainerStats first = engine.containers().statsSince(name, null);
        Thread.sleep(1500);
        ContainerStats later = engine.containers().statsSince(name, first.cpu());
        assertThat(later.cpu().containerNanos()).isGreaterThan(first.cpu().containerNanos());
        assertThat(later.cpuPercent()).as("a busy loop limited to 0.2 CPU").isBetween(10.0, 30.0);
        assertThat(later.memoryLimit()).isEqualTo(32L << 20);
        assertThatThrownBy(() -> engine.containers().statsSince("capstan-ghost-" + run, first.cpu()))
                .isInstanceOf(NotFoundException.class);
    }

    // ---- networks and volumes ---------------------------------------------------------------------------------------

    @Test
    void containersOnANetworkReachEachOtherByNameAndAlias() throws InterruptedException {
        String net = name("net");
        var network = engine.networks().create(NetworkSpec.bridge(net, labels()));
        assertThat(network.name()).isEqualTo(net);
        assertThat(network.driver()).isEqualTo("bridge");
        assertThat(engine.networks().list(labels())).extracting(n -> n.name()).contains(net);

        String server = name("srv");
        engine.containers().create(httpd(server).network(new NetworkAttachment(net, List.of("backend"))).build());
        engine.containers().start(server);
        assertThat(engine.containers().inspect(server).networks()).containsExactly(net);

        for (String host : List.of(server, "backend")) {
            String client = name("cli");
            engine.containers().create(spec(client).network(net)
                    .command("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://" + host
                            + "/passwd && exit 0; sleep 0.5; done; exit 1").build());
            engine.containers().start(client);
            await().atMost(PATIENCE).until(() -> engine.containers().inspect(client).status() == ContainerStatus.EXITED);
            assertThat(engine.containers().inspect(client).exitCode()).as("wget http://%s", host).isZero();
            assertThat(logs(client)).anyMatch(l -> l.startsWith("root:"));
        }
    }

    @Test
    void aContainerGetsTheAddressAndMacItAsksForOnANetworkWithItsOwnSubnet() {
        String net = name("subnet");
        var pool = new Ipam.Pool("172.29.231.0/24", null, "172.29.231.1", Map.of());
        engine.networks().create(new NetworkSpec(net, null, labels(), false, Map.of(), new Ipam(null, List.of(pool), Map.of()),
                false, false));
        String c = name("fixed");
        engine.containers().create(spec(c).command("sleep", "300").macAddress("02:42:ac:1d:e7:4d")
                .network(new NetworkAttachment(net, List.of(), "172.29.231.77", null, List.of())).build());
        engine.containers().start(c);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = engine.containers().exec(c, ExecOptions.of("sh", "-c",
                "ip -4 -o addr show eth0; cat /sys/class/net/eth0/address; ip route"), null, out, new ByteArrayOutputStream());
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("inet 172.29.231.77/24", "02:42:ac:1d:e7:4d",
                "default via 172.29.231.1");
    }

    @Test
    void networkConnectAndDisconnect() {
        String net = name("net2");
        engine.networks().create(NetworkSpec.bridge(net, labels()));
        String c = name("joiner");
        engine.containers().create(spec(c).command("sleep", "300").build());
        engine.networks().connect(net, c, List.of("joined"));
        assertThat(engine.containers().inspect(c).networks()).contains(net);
        engine.networks().disconnect(net, c, false);
        assertThat(engine.containers().inspect(c).networks()).doesNotContain(net);

        engine.networks().connect(net, c, List.of());
        engine.containers().start(c);
        assertThatThrownBy(() -> engine.networks().remove(net)).isInstanceOf(ConflictException.class)
                .hasMessageContaining(net);
        engine.containers().remove(c, true, false);
        engine.networks().remove(net);
        assertThatThrownBy(() -> engine.networks().inspect(net)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void volumeDataSurvivesContainerRemoval() throws InterruptedException {
        String volume = name("vol");
        var info = engine.volumes().create(new VolumeSpec(volume, null, labels()));
        assertThat(info.name()).isEqualTo(volume);
        assertThat(info.driver()).isEqualTo("local");

        String writer = name("writer");
        engine.containers().create(spec(writer).mount(Mount.volume(volume, "/data"))
                .command("sh", "-c", "echo kept-across-containers > /data/note").build());
        engine.containers().start(writer);
        await().atMost(PATIENCE).until(() -> engine.containers().inspect(writer).status() == ContainerStatus.EXITED);
        assertThat(engine.containers().inspect(writer).mounts()).contains(Mount.volume(volume, "/data"));
        engine.containers().remove(writer, false, false);

        String reader = name("reader");
        engine.containers().create(spec(reader).mount(new Mount(Mount.Type.VOLUME, volume, "/data", true))
                .command("cat", "/data/note").build());
        engine.containers().start(reader);
        await().atMost(PATIENCE).until(() -> engine.containers().inspect(reader).status() == ContainerStatus.EXITED);
        assertThat(logs(reader)).containsExactly("kept-across-containers");
        assertThat(engine.volumes().list(labels())).extracting(v -> v.name()).contains(volume);

        assertThatThrownBy(() -> engine.volumes().remove(volume)).isInstanceOf(ConflictException.class);
        engine.containers().remove(reader, false, false);
        engine.volumes().remove(volume);
        assertThatThrownBy(() -> engine.volumes().inspect(volume)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void bindMountShowsHostFiles(@TempDir Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("hello.txt"), "from-the-host\n");
        String name = name("bind");
        engine.containers().create(spec(name).mount(new Mount(Mount.Type.BIND, dir.toString(), "/host", true))
                .command("cat", "/host/hello.txt").build());
        engine.containers().start(name);
        await().atMost(PATIENCE).until(() -> engine.containers().inspect(name).status() == ContainerStatus.EXITED);
        assertThat(logs(name)).containsExactly("from-the-host");
    }

    // ---- events and logs --------------------------------------------------------------------------------------------

    @Test
    void aKilledContainerIsSeenAsADieEvent() throws Exception {
        List<EngineEvent> seen = new CopyOnWriteArrayList<>();
        String name = name("victim");
        try (Subscription events = engine.events(EventFilter.containers(labels()), seen::add)) {
            String id = engine.containers().create(spec(name).command("sleep", "300").build());
            engine.containers().start(name);
            engine.containers().kill(name, "KILL");

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(seen)
                    .filteredOn(e -> e.actorId().equals(id))
                    .extracting(EngineEvent::kind)
                    .containsSubsequence(EventKind.CREATED, EventKind.STARTED, EventKind.KILLED, EventKind.DIED));
            EngineEvent die = seen.stream().filter(e -> e.is(EventKind.DIED) && e.actorId().equals(id)).findFirst().orElseThrow();
            assertThat(die.type()).isEqualTo("container");
            assertThat(die.attributes()).containsEntry("name", name).containsEntry("exitCode", "137").containsEntry(TEST_LABEL, run);
            assertThat(die.time()).isNotNull();
        }
    }

    @Test
    void logsFollowUntilExitKeepingEachStreamInOrder() throws Exception {
        String name = name("talker");
        engine.containers().create(spec(name).command("sh", "-c", "echo one; echo two >&2; sleep 1; echo three").build());
        engine.containers().start(name);
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        try (Subscription follow = engine.containers().logs(name, new LogOptions(true, -1, false), lines::add)) {
            assertThat(follow.awaitCompletion(PATIENCE)).as("follow ends when the container exits").isTrue();
        }
        // stdout and stderr are separate pipes: the engine keeps the order within each, not across them
        assertThat(lines).filteredOn(l -> l.stream() == LogLine.Stream.STDOUT).extracting(LogLine::text)
                .containsExactly("one", "three");
        assertThat(lines).filteredOn(l -> l.stream() == LogLine.Stream.STDERR).extracting(LogLine::text)
                .containsExactly("two");
    }

    @Test
    void logsKeepAnUnterminatedLastLineAndTail() throws Exception {
        String name = name("partial");
        engine.containers().create(spec(name).command("sh", "-c", "printf 'first\\nsecond\\nno-newline'").build());
        engine.containers().start(name);
        await().atMost(PATIENCE).until(() -> engine.containers().inspect(name).status() == ContainerStatus.EXITED);
        assertThat(logs(name)).containsExactly("first", "second", "no-newline");

        List<LogLine> tail = new CopyOnWriteArrayList<>();
        try (Subscription last = engine.containers().logs(name, new LogOptions(false, 2, false), tail::add)) {
            last.awaitCompletion(PATIENCE);
        }
        assertThat(tail).extracting(LogLine::text).containsExactly("second", "no-newline");
    }

    // ---- exec -------------------------------------------------------------------------------------------------------

    @Test
    void execRunsACommandInsideWithItsStreamsAndExitCode() {
        String name = name("exec");
        engine.containers().create(spec(name).env("FROM_IMAGE", "kept").command("sleep", "300").build());
        engine.containers().start(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = engine.containers().exec(name, new ExecOptions(List.of("sh", "-c",
                        "echo \"$FROM_IMAGE $EXTRA $(id -u) $(pwd)\"; echo oops >&2; exit 7"),
                Map.of("EXTRA", "added"), "65534", "/tmp", false), null, out, err);
        assertThat(code).isEqualTo(7);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("kept added 65534 /tmp\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");

        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        int cat = engine.containers().exec(name, ExecOptions.of("sh", "-c", "tr a-z A-Z; echo end"),
                new ByteArrayInputStream("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8)), echoed, err);
        assertThat(cat).isZero();
        assertThat(echoed.toString(StandardCharsets.UTF_8)).as("input to its end").isEqualTo("ONE\nTWO\nTHREE\nend\n");
    }

    @Test
    void execIsRefusedWhereItCannotRun() {
        String name = name("execno");
        engine.containers().create(spec(name).command("sleep", "300").build());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThatThrownBy(() -> engine.containers().exec(name, ExecOptions.of("true"), null, sink, sink))
                .isInstanceOf(ConflictException.class).hasMessageContaining(name).hasMessageContaining("not running");
        engine.containers().start(name);
        assertThatThrownBy(() -> engine.containers().exec(name, ExecOptions.of("no-such-program"), null, sink, sink))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("no-such-program");
        String ghost = "capstan-tck-ghost-" + run;
        assertThatThrownBy(() -> engine.containers().exec(ghost, ExecOptions.of("true"), null, sink, sink))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(ghost);
    }

    // ---- attach -----------------------------------------------------------------------------------------------------

    @Test
    void attachStartsTheContainerWithItsInputToTheEndAndReturnsItsExitCode() {
        String name = name("attach");
        engine.containers().create(spec(name).interactive(true, false)
                .command("sh", "-c", "echo first; tr a-z A-Z; echo oops >&2; exit 4").build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = engine.containers().attach(name, null,
                new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)), out, err);
        assertThat(code).isEqualTo(4);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("from its first line, input to its end")
                .isEqualTo("first\nONE\nTWO\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
        assertThat(engine.containers().inspect(name).status()).isEqualTo(ContainerStatus.EXITED);
    }

    @Test
    void attachWithATerminalGetsItsSize() {
        String name = name("attach-tty");
        engine.containers().create(spec(name).interactive(false, true)
                // the size comes just after the start: wait for it (up to ten seconds) rather than race it
                .command("sh", "-c", "i=0; until stty size 2>/dev/null | grep -q '^[1-9]' || [ $i -ge 100 ]; do "
                        + "sleep 0.1; i=$((i+1)); done; stty size").build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = engine.containers().attach(name, new TerminalSize(33, 101), null, out, out);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("33 101\r\n");
    }

    // ---- images -----------------------------------------------------------------------------------------------------

    @Test
    void importTagBuildAndRemoveImages(@TempDir Path context) throws Exception {
        String imported = "capstan-tck-import-" + run + ":v1";
        imagesToRemove.add(imported);
        ImageInfo image = engine.images().importRootfs(new ByteArrayInputStream(tarWith("etc/motd", "imported\n")),
                imported, List.of("CMD [\"/bin/true\"]"));
        assertThat(image.repository()).isEqualTo("capstan-tck-import-" + run);
        assertThat(image.tag()).isEqualTo("v1");
        assertThat(image.size()).isPositive();

        String alias = "capstan-tck-alias-" + run + ":latest";
        imagesToRemove.add(alias);
        engine.images().tag(imported, alias);
        assertThat(engine.images().list()).filteredOn(i -> i.id().equals(image.id()))
                .extracting(ImageInfo::reference).contains(imported, alias);

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

        engine.images().remove(alias, false);
        assertThat(engine.images().list()).extracting(ImageInfo::reference).doesNotContain(alias).contains(imported);
        engine.images().remove(imported, false);
        assertThatThrownBy(() -> engine.images().inspect(imported)).isInstanceOf(NotFoundException.class);
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

    // ---- bad input --------------------------------------------------------------------------------------------------

    @Test
    void unknownImageIsNotFoundAndNamesTheImage() {
        assertThatThrownBy(() -> engine.containers().create(ContainerSpec.builder("capstan-no-such-image:" + run)
                .labels(labels()).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("capstan-no-such-image:" + run)
                .hasMessageContaining("build it, import it or pull it");
    }

    @Test
    void duplicateNameIsAConflict() {
        String name = name("dup");
        engine.containers().create(spec(name).command("true").build());
        assertThatThrownBy(() -> engine.containers().create(spec(name).command("true").build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'" + name + "' is already in use");
    }

    @Test
    void duplicateNetworkNameIsAConflict() {
        String net = name("samenet");
        engine.networks().create(NetworkSpec.bridge(net, labels()));
        assertThatThrownBy(() -> engine.networks().create(NetworkSpec.bridge(net, labels())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'" + net + "' is already in use");
    }

    @Test
    void publishedPortTakenByAnotherContainerIsAConflict() {
        int port = freePort();
        String first = name("port1");
        engine.containers().create(httpd(first).port(PortMapping.tcp(80, port)).build());
        engine.containers().start(first);
        String second = name("port2");
        engine.containers().create(httpd(second).port(PortMapping.tcp(80, port)).build());
        assertThatThrownBy(() -> engine.containers().start(second))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("host port " + port + " is already in use");
        assertThat(engine.containers().inspect(second).status()).isNotEqualTo(ContainerStatus.RUNNING);
    }

    @Test
    void publishedPortTakenByAHostProcessIsAConflict() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            String name = name("porthost");
            engine.containers().create(httpd(name).port(PortMapping.tcp(80, taken.getLocalPort())).build());
            assertThatThrownBy(() -> engine.containers().start(name))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("host port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void removingARunningContainerNeedsForce() {
        String name = name("running");
        engine.containers().create(spec(name).command("sleep", "300").build());
        engine.containers().start(name);
        assertThatThrownBy(() -> engine.containers().remove(name, false, false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'" + name + "' is running")
                .hasMessageContaining("--force");
        assertThat(engine.containers().inspect(name).status()).isEqualTo(ContainerStatus.RUNNING);
        engine.containers().remove(name, true, false);
    }

    @Test
    void memoryTheEngineRefusesIsAnInvalidSpec() {
        assertThatThrownBy(() -> engine.containers().create(spec(name("tiny")).command("true")
                .resources(Resources.parse(null, "1k")).build()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("memory");
    }

    @Test
    void operationsOnMissingObjectsAreNotFound() {
        String ghost = "capstan-ghost-" + run;
        assertThatThrownBy(() -> engine.containers().start(ghost)).isInstanceOf(NotFoundException.class).hasMessageContaining(ghost);
        assertThatThrownBy(() -> engine.containers().stop(ghost, Duration.ZERO)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.containers().remove(ghost, true, false)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.containers().stats(ghost)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.containers().logs(ghost, LogOptions.ALL, l -> { })).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.images().remove(ghost, false)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.networks().remove(ghost)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.volumes().inspect(ghost)).isInstanceOf(NotFoundException.class);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    protected String name(String role) {
        return "capstan-tck-" + run + "-" + role + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    protected Map<String, String> labels() {
        return Map.of(TEST_LABEL, run);
    }

    protected ContainerSpec.Builder spec(String name) {
        return ContainerSpec.builder(TestImages.BUSYBOX).name(name).labels(labels());
    }

    private ContainerSpec.Builder httpd(String name) {
        return spec(name).command("httpd", "-f", "-p", "80", "-h", "/etc");
    }

    protected List<String> logs(String container) throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Subscription s = engine.containers().logs(container, LogOptions.ALL, l -> lines.add(l.text()))) {
            s.awaitCompletion(PATIENCE);
        }
        return lines;
    }

    protected String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ignoringNotFound(Runnable action) {
        try {
            action.run();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    /** A one-file tarball, enough for {@code docker import}. */
    private static byte[] tarWith(String path, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[512];
        put(header, 0, path, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", data.length), 12);
        put(header, 136, String.format("%011o", 0), 12);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum), 7);
        header[155] = ' ';
        out.write(header);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }
}
