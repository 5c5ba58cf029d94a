package io.capstan.cli;

import io.capstan.control.ControlPlane;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.docker.EngineLocator;
import io.capstan.server.ApiServer;
import io.capstan.server.ServerOptions;
import io.capstan.server.Tokens;
import io.capstan.tck.RunImage;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan managed ...} and {@code capstan token create} against a real control plane on the real engine. */
class ManagedCliIT {
    /** A tag of the test image of this run's own: the cleanup removes only the containers made of it. */
    private static final RunImage RUN_IMAGE = RunImage.of(TestImages.BUSYBOX);
    private static final String IMAGE = RUN_IMAGE.ref();
    private final CliRunner cli = CliRunner.withEnvironmentEngine();

    @TempDir
    Path data;

    private ContainerEngine engine;
    private Store store;
    private ControlPlane plane;
    private ApiServer server;
    private String url;
    private String token;

    @BeforeEach
    void startServer() throws Exception {
        engine = EngineLocator.fromEnvironment().locate(null);
        RUN_IMAGE.tag(engine);
        store = Stores.sqlite(data.resolve("capstan.db"));
        plane = ControlPlane.start(engine, store);
        Tokens tokens = Tokens.open(data, file -> { });
        server = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, data, false), "test");
        url = server.url().toString();
        token = Files.readString(tokens.adminFile()).strip();
    }

    @AfterEach
    void stopServer() {
        server.close();
        plane.close();
        store.close();
        RUN_IMAGE.remove(engine);
        engine.close();
    }

    private CliRunner.Result managed(String... args) {
        return cli.run(managedArgs(args));
    }

    private String[] managedArgs(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "managed";
        System.arraycopy(args, 0, full, 1, 1);
        full[2] = "--url";
        full[3] = url;
        full[4] = "--token=" + token;
        System.arraycopy(args, 1, full, 5, args.length - 1);
        return full;
    }

    @Test
    void runListResizeStopAndRemoveThroughTheApi() {
        CliRunner.Result run = managed("run", "-e", "MODE=test", "-p", "80/tcp", "--cpus", "0.5", "--memory", "512Mi",
                IMAGE, "sleep", "600");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = run.out().strip();
        ContainerInfo info = engine.containers().inspect(id);
        assertThat(info.isRunning()).isTrue();
        assertThat(info.environment()).containsEntry("MODE", "test");
        assertThat(info.resources().memoryBytes()).isEqualTo(512L << 20);
        assertThat(info.ports().getFirst().hostPort()).isPositive();

        CliRunner.Result ls = managed("ls");
        assertThat(ls.out()).contains(id.substring(0, 12)).contains(IMAGE).contains("running");

        CliRunner.Result resized = managed("resources", IMAGE, "--memory", "256Mi");
        assertThat(resized.exitCode()).as(resized.err()).isZero();
        assertThat(engine.containers().inspect(id).resources().memoryBytes()).isEqualTo(256L << 20);

        CliRunner.Result stopped = managed("stop", "-t", "0", IMAGE);
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.out()).contains("stopped (exited)");
        assertThat(engine.containers().inspect(id).isRunning()).isFalse();

        assertThat(managed("rm", id).exitCode()).isZero();
        // other managed containers (of another image) may be on the engine: none of this one's is left
        assertThat(managed("ls", "--format", "json").out()).doesNotContain(id).doesNotContain("\"" + IMAGE + "\"");
    }

    @Test
    void runWithCountStartsThatManyAndAStoppedReplicaStaysStopped() {
        CliRunner.Result run = managed("run", "--count", "2", IMAGE, "sleep", "600");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> ids = run.out().strip().lines().toList();
        assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(engine.containers().inspect(id).isRunning()).isTrue());
        assertThat(managed("ls").out()).contains(ids.get(0).substring(0, 12)).contains(ids.get(1).substring(0, 12));
        assertThat(managed("instances", IMAGE, "--format", "json").out()).contains("\"endpoint\"");
        assertThat(managed("rm", "-f", ids.get(0), ids.get(1)).exitCode()).isZero();

        assertThat(managed("desired", IMAGE, "--replicas", "2", "--max", "3", "--", "sleep", "600").exitCode()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(plane.containers().instances(IMAGE)).hasSize(2).allMatch(c -> c.isRunning()));
        String replica = plane.containers().instances(IMAGE).getFirst().id();
        CliRunner.Result stopped = managed("stop", "-t", "0", replica);
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("stopped (exited)").contains("desired replicas now 1");
        org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(2)).atMost(java.time.Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(engine.containers().inspect(replica).isRunning()).isFalse());
        CliRunner.Result started = managed("start", replica);
        assertThat(started.out()).contains("started (running)").contains("desired replicas now 2");
        assertThat(managed("desired", IMAGE).out()).contains("\"replicas\" : 2");
    }

    @Test
    void desiredStateIsSetScaledAndDeletedFromTheCommandLine() {
        CliRunner.Result set = managed("desired", IMAGE, "--replicas", "2", "--max", "4", "-e", "ROLE=worker", "--",
                "sleep", "600");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("2 replicas (min 1, max 4)");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(plane.containers().instances(IMAGE)).hasSize(2).allMatch(c -> c.isRunning()));
        assertThat(engine.containers().inspect(plane.containers().instances(IMAGE).getFirst().id()).environment())
                .containsEntry("ROLE", "worker");

        assertThat(managed("scale", IMAGE, "3").out()).contains("3 replicas");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(plane.containers().instances(IMAGE)).hasSize(3));
        CliRunner.Result tooMany = managed("scale", IMAGE, "9");
        assertThat(tooMany.exitCode()).isEqualTo(1);
        assertThat(tooMany.err()).contains("between min_replicas (1) and max_replicas (4)");
        assertThat(managed("desired", IMAGE).out()).contains("\"replicas\" : 3");

        CliRunner.Result deleted = managed("desired", IMAGE, "--delete");
        assertThat(deleted.out()).contains("removed 3 replicas");
        // the listing follows the engine's events: a removed container may still show as removing for a moment
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(plane.containers().instances(IMAGE)).isEmpty());
    }

    @Test
    void errorsFromTheApiAreOneLine() {
        CliRunner.Result bad = managed("run", "--memory", "12xyz", IMAGE);
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("resources.memory_limit").contains("12xyz");
        assertThat(bad.err().strip().lines()).hasSize(1);

        CliRunner.Result missing = managed("rm", "no-such-container");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no managed container 'no-such-container'");

        CliRunner.Result noToken = cli.run("managed", "run", "--url", url, "--token", "cap_wrong", IMAGE);
        assertThat(noToken.exitCode()).isEqualTo(1);
        assertThat(noToken.err()).contains("unknown token");

        CliRunner.Result down = cli.run("managed", "ls", "--url", "http://127.0.0.1:1");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("no control plane answers at http://127.0.0.1:1/");
    }

    @Test
    void theServerCommandSaysWhatIsWrongWithItsOptions() throws Exception {
        int taken = server.port();
        CliRunner.Result clash = cli.run("server", "--port", String.valueOf(taken), "--db",
                data.resolve("other.db").toString(), "--data-dir", data.toString());
        assertThat(clash.exitCode()).isEqualTo(1);
        assertThat(clash.err()).contains("cannot listen on 127.0.0.1:" + taken).contains("--port");

        CliRunner.Result db = cli.run("server", "--db", "jdbc:mysql://localhost/x", "--data-dir", data.toString());
        assertThat(db.exitCode()).isEqualTo(1);
        assertThat(db.err()).contains("--db 'jdbc:mysql://localhost/x'");

        CliRunner.Result interval = cli.run("server", "--health-interval", "0", "--db", data.resolve("o.db").toString(),
                "--data-dir", data.toString());
        assertThat(interval.exitCode()).isEqualTo(1);
        assertThat(interval.err()).contains("--health-interval");

        CliRunner.Result open = cli.run("server", "--no-auth", "--bind", "0.0.0.0", "--db",
                data.resolve("o.db").toString(), "--data-dir", data.toString());
        assertThat(open.exitCode()).isEqualTo(1);
        assertThat(open.err()).contains("--no-auth").contains("loopback");

        CliRunner.Result thresholds = cli.run("server", "--health-warning", "95", "--health-critical", "90", "--db",
                data.resolve("o.db").toString(), "--data-dir", data.toString());
        assertThat(thresholds.exitCode()).isEqualTo(1);
        assertThat(thresholds.err()).contains("--health-warning and --health-critical");
    }

    @Test
    void aSecondServerOnABusyPortFailsInOneLineBeforeItActs() throws Exception {
        Path other = data.resolve("second.db");
        try (Store seeded = Stores.sqlite(other)) {
            seeded.upsertDesired(new io.capstan.control.store.DesiredImage(IMAGE, 1, 1, 1, Map.of(), Map.of(), Map.of(),
                    List.of("sleep", "600"), null, java.time.Instant.now()));
        }
        // A process of its own, run as the launcher runs it: what it prints, logging included, is what a person sees.
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process second = new ProcessBuilder(javaBin, "-Xmx160m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.capstan.cli.Main", "server", "--port", String.valueOf(server.port()), "--db", other.toString(),
                "--data-dir", data.resolve("second").toString()).redirectErrorStream(true)
                .redirectOutput(data.resolve("second.log").toFile()).start();
        boolean ended = second.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            second.destroyForcibly().waitFor();
        }
        String said = Files.readString(data.resolve("second.log"));
        assertThat(ended).as("the second server gave up on its own; it said: %s", said).isTrue();
        assertThat(second.exitValue()).as(said).isEqualTo(1);
        assertThat(said.lines()).containsExactly("capstan: cannot listen on 127.0.0.1:" + server.port()
                + ": the port is in use (is another server running? choose another --port)");
        // Its reconciler never ran (the desired replica was not made) and it recorded no event.
        assertThat(engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, IMAGE)))).isEmpty();
        try (Store seeded = Stores.sqlite(other)) {
            assertThat(seeded.listEvents(null, 10)).isEmpty();
        }
    }

    @Test
    void publishTakesDockersHostColonContainerForm() throws Exception {
        int free;
        try (var socket = new java.net.ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        CliRunner.Result run = managed("run", "-p", free + ":80", IMAGE, "httpd", "-f", "-p", "80");
        assertThat(run.exitCode()).as(run.err()).isZero();
        ContainerInfo info = engine.containers().inspect(run.out().strip());
        assertThat(info.ports()).singleElement().satisfies(p -> {
            assertThat(p.containerPort()).isEqualTo(80);
            assertThat(p.hostPort()).isEqualTo(free);
        });
    }

    @Test
    void logsAndEventsOfManagedContainers() throws Exception {
        CliRunner.Result run = managed("run", IMAGE, "sh", "-c", "echo hello; echo world; sleep 600");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = run.out().strip();
        String name = engine.containers().inspect(id).name();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(managed("logs", name).out()).isEqualTo("hello\nworld\n"));
        assertThat(managed("logs", "--tail", "1", id).out()).isEqualTo("world\n");
        CliRunner.Result notOurs = managed("logs", "no-such-container");
        assertThat(notOurs.exitCode()).isEqualTo(1);
        assertThat(notOurs.errLines()).containsExactly("capstan: no managed container 'no-such-container'");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(managed("events", IMAGE).out()).contains("create", "start", name));
        var events = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(managed("events", IMAGE, "--format", "json").out());
        assertThat(events.isArray()).isTrue();
        assertThat(events.get(0).path("id").isNumber()).isTrue();
        assertThat(events.findValuesAsText("event")).containsSubsequence("create", "start");
        assertThat(events.findValuesAsText("container_id")).contains(id);
    }

    @Test
    void followingEventsPrintsThoseRecordedSinceItStarted() throws Exception {
        managed("run", IMAGE, "sleep", "600");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                store.listEvents(IMAGE, 10).size() >= 2);
        var result = new java.util.concurrent.atomic.AtomicReference<CliRunner.Result>();
        var printed = new java.io.StringWriter();
        Thread follower = Thread.ofPlatform().start(() ->
                result.set(cli.runPrintingTo(printed, "", managedArgs("events", "-f", "--tail", "0", IMAGE))));
        // It has asked where the table ends before anything new happens.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                waitingForItsNextPoll(follower));
        String id = managed("run", IMAGE, "sleep", "600").out().strip();
        String name = engine.containers().inspect(id).name();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            List<String> lines = printed.toString().lines().filter(line -> line.contains(name)).toList();
            return lines.stream().anyMatch(line -> line.contains("create"))
                    && lines.stream().anyMatch(line -> line.contains("start"));
        });
        follower.interrupt();
        follower.join(30_000);
        assertThat(follower.isAlive()).as("following ends when interrupted").isFalse();
        assertThat(result.get()).as("what following printed").isNotNull();
        assertThat(result.get().exitCode()).as(result.get().err()).isZero();
        assertThat(result.get().out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains(name))
                .anySatisfy(line -> assertThat(line).contains("create"))
                .anySatisfy(line -> assertThat(line).contains("start"));
    }

    /** The follower sleeps between its polls in {@code ManagedEvents} only once it has asked where the table ends. */
    private static boolean waitingForItsNextPoll(Thread follower) {
        StackTraceElement[] stack = follower.getStackTrace();
        for (int i = 1; i < stack.length; i++) {
            if (stack[i].getClassName().equals(ManagedEvents.class.getName())) {
                return stack[i - 1].getClassName().equals(Thread.class.getName())
                        && stack[i - 1].getMethodName().equals("sleep");
            }
        }
        return false;
    }

    @Test
    void jsonOutputHasTheApisKeysLowerCaseWordsAndNumbers() throws Exception {
        CliRunner.Result run = managed("run", "--cpus", "0.5", "--memory", "64Mi", "--format", "json", IMAGE, "sleep", "600");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var mapper = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
        var created = mapper.readTree(run.out());
        assertThat(created.path("container_id").asText()).matches("[0-9a-f]{64}");
        assertThat(created.path("status").asText()).isEqualTo("running");
        // other managed containers may share the engine: pick this test's own
        var listed = java.util.stream.StreamSupport.stream(mapper.readTree(managed("ls", "--format", "json").out())
                .spliterator(), false).filter(c -> c.path("image").asText().equals(IMAGE)).findFirst().orElseThrow();
        java.util.List<String> keys = new java.util.ArrayList<>();
        listed.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).allMatch(k -> k.matches("[a-z0-9_]+"), "snake_case").contains("exit_code", "created_at",
                "cpu_limit", "memory_limit");
        assertThat(listed.path("cpu_limit").isNumber()).isTrue();
        assertThat(listed.path("cpu_limit").asDouble()).isEqualTo(0.5);
        assertThat(listed.path("memory_limit").isIntegralNumber()).isTrue();
        assertThat(listed.path("memory_limit").asLong()).isEqualTo(64L << 20);
        assertThat(listed.path("exit_code").isIntegralNumber()).isTrue();
        assertThat(listed.path("status").asText()).isEqualTo("running");
        assertThat(listed.path("health").asText()).isEqualTo(listed.path("health").asText().toLowerCase());
        CliRunner.Result tooMuch = managed("resources", IMAGE, "--cpus", "64");
        assertThat(tooMuch.exitCode()).isEqualTo(1);
        assertThat(tooMuch.errLines()).singleElement().asString().startsWith("capstan: cpu_limit: the host has ");
        var stopped = mapper.readTree(managed("stop", "-t", "0", "--format", "json", IMAGE).out());
        assertThat(stopped.path("results").get(0).path("status").asText()).isEqualTo("exited");
        assertThat(stopped.path("ok").isBoolean()).isTrue();
    }

    @Test
    void aServerWithoutTokensSaysSoAtEveryStartAndTakesChangesWithoutOne() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = data.resolve("no-auth.log");
        for (int start = 1; start <= 2; start++) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process server = new ProcessBuilder(javaBin, "-Xmx160m", "-cp", System.getProperty("java.class.path"),
                    "io.capstan.cli.Main", "server", "--no-auth", "--port", String.valueOf(port), "--db",
                    data.resolve("no-auth.db").toString(), "--data-dir", data.resolve("no-auth").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                    assertThat(server.isAlive()).as("server (log: %s)", log).isTrue();
                    return ServerCommand.answers(base.resolve("/health"));
                });
                try (HttpClient http = HttpClient.newHttpClient()) {
                    HttpResponse<String> made = http.send(HttpRequest.newBuilder(base.resolve("/registry/endpoints"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"e" + start + "\", \"image_id\": \"i\", "
                                    + "\"host\": \"127.0.0.1\", \"port\": 80}")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
                }
            } finally {
                server.destroy();
                server.waitFor();
            }
            String said = Files.readString(log);
            assertThat(said.split("anyone on this host can change state", -1)).as(said).hasSize(start + 1);
        }
    }

    @Test
    void aReadOnlyTokenReadsButCannotChangeAnything() {
        CliRunner.Result made = cli.run("token", "create", "--read-only", "--data-dir", data.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        String readOnly = made.out().strip();
        assertThat(readOnly).startsWith("cap_");
        assertThat(cli.run("managed", "ls", "--url", url, "--token", readOnly).exitCode()).isZero();
        CliRunner.Result refused = cli.run("managed", "run", "--url", url, "--token", readOnly, IMAGE);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("read-only token");
    }
}
