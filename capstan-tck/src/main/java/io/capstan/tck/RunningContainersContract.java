package io.capstan.tck;

import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.ExecOptions;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.engine.TerminalSize;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.Ipam;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.VolumeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What an engine that runs real processes does with them: exit codes, published ports that answer, names and aliases
 * that resolve, addresses, mounts with data in them, logs, exec and attach, and what the host refuses. Not for the
 * in-memory fake, which runs no process. The network-alias test needs {@link NetworkAliases}.
 */
public abstract class RunningContainersContract extends EngineContractSupport {
    @Test
    void exitedContainerReportsItsExitCode() {
        String name = name("exit");
        engine.containers().create(spec(name).command("sh", "-c", "exit 3").build());
        engine.containers().start(name);
        await().atMost(PATIENCE).until(() -> engine.containers().inspect(name).status() == ContainerStatus.EXITED);
        assertThat(engine.containers().inspect(name).exitCode()).isEqualTo(3);
    }

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
    void memoryTheEngineRefusesIsAnInvalidSpec() {
        assertThatThrownBy(() -> engine.containers().create(spec(name("tiny")).command("true")
                .resources(Resources.parse(null, "1k")).build()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("memory");
    }
}
