package io.capstan.cli;

import io.capstan.control.ControlPlane;
import io.capstan.control.health.HealthRule;
import io.capstan.control.replicas.Reconciler;
import io.capstan.control.store.DatabaseLocation;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.files.OwnerOnly;
import io.capstan.server.ApiServer;
import io.capstan.server.Exposure;
import io.capstan.server.ListenAddress;
import io.capstan.server.ServerOptions;
import io.capstan.server.Tokens;
import io.capstan.core.workload.WorkloadTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = ServerCommand.NAME,
        description = {"Run the control plane: manages containers on the engine, records their lifecycle events and "
                + "health in a database (SQLite by default, or PostgreSQL), and serves the REST API. The first start "
                + "makes an admin token; every start prints where it is. State-changing requests need it as "
                + "'Authorization: Bearer <token>'."},
        footer = {"", "Examples:",
                "  capstan server                                  # http://127.0.0.1:8000, embedded SQLite",
                "  capstan server --port 9000 --db /srv/capstan.db",
                "  capstan server --db jdbc:postgresql://localhost:5432/capstan --db-password-file ~/db.pw",
                "  capstan server --detach                         # in the background; log in the data directory",
                "  capstan server --stop                           # stop the background server"})
final class ServerCommand implements Callable<Integer> {
    static final String NAME = "server";
    /** What a --detach run does itself rather than pass on, and what it passes on out of sight. */
    private static final Set<String> NOT_PASSED_ON = Set.of("--detach", "--stop");
    private static final Map<String, String> PASSED_IN_ENVIRONMENT = Map.of("--db-password", "PGPASSWORD");

    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8000", description = "TCP port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--bind", defaultValue = ServerOptions.DEFAULT_BIND,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the API to the network).")
    String bind;

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "SQLite file, or jdbc:postgresql://HOST:PORT/DB (default: $XDG_DATA_HOME/capstan/capstan.db, "
                    + "else ~/.local/share/capstan/capstan.db).")
    String db;

    @Option(names = "--db-user", description = "PostgreSQL user (default: PGUSER).")
    String dbUser;

    @Option(names = "--db-password", description = "PostgreSQL password; every user of this host sees it in 'ps', so "
            + "prefer --db-password-file or CAPSTAN_DB_PASSWORD (default: CAPSTAN_DB_PASSWORD, else PGPASSWORD).")
    String dbPassword;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "Read the PostgreSQL password from the first line of this file (keep it mode 0600).")
    Path dbPasswordFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the tokens, and with --detach the log and pid, live (default: $XDG_DATA_HOME/capstan, "
                    + "else ~/.local/share/capstan, ~ being $HOME).")
    Path dataDir;

    @Option(names = "--auth-reads", description = "Require a token (read-only is enough) for reads too.")
    boolean authReads;

    @Option(names = "--public-reads", description = "On a --bind other than loopback, serve reads without a token "
            + "on purpose (one of this and --auth-reads is needed there).")
    boolean publicReads;

    @Option(names = "--no-auth", description = "Serve without tokens, for clients that cannot send one: anyone on "
            + "this host can then change state. Only with a loopback --bind.")
    boolean noAuth;

    @Option(names = "--metrics-public", description = "Serve /metrics without a token, for a Prometheus that sends "
            + "none, also with --auth-reads (otherwise it needs one; read-only is enough).")
    boolean metricsPublic;

    @Option(names = "--health-interval", paramLabel = "SECONDS",
            defaultValue = "${env:HEALTH_INTERVAL_SECONDS:-60}",
            description = "Sample every managed container this often (default: HEALTH_INTERVAL_SECONDS or 60).")
    int healthInterval;

    @Option(names = "--health-retention-days", paramLabel = "DAYS",
            defaultValue = "${env:HEALTH_RETENTION_DAYS:-7}",
            description = "Keep health samples this long (default: HEALTH_RETENTION_DAYS or 7).")
    int healthRetentionDays;

    @Option(names = "--health-warning", paramLabel = "PERCENT", defaultValue = "${env:HEALTH_WARNING_PERCENT:-75}",
            description = "CPU or memory use from which a container is 'warning' (default: HEALTH_WARNING_PERCENT or 75).")
    double healthWarning;

    @Option(names = "--health-critical", paramLabel = "PERCENT", defaultValue = "${env:HEALTH_CRITICAL_PERCENT:-90}",
            description = "... and 'critical' (default: HEALTH_CRITICAL_PERCENT or 90).")
    double healthCritical;

    @Option(names = "--resync-interval", paramLabel = "SECONDS", defaultValue = "30",
            description = "Reconcile every desired image this often even when no event says so (default: ${DEFAULT-VALUE}).")
    int resyncInterval;

    @Option(names = "--target", paramLabel = "engine|swarm|kubernetes", defaultValue = "engine",
            description = "Where desired images run: 'engine', containers the control plane keeps itself (default), "
                    + "'swarm', one Swarm service per image that the swarm keeps (this engine must be a manager), or "
                    + "'kubernetes', one Deployment per image in the cluster --kubeconfig, --context and -n name.")
    String target;

    @picocli.CommandLine.Mixin
    KubeOptions kube = new KubeOptions();

    @Option(names = "--detach", description = "Start in the background and return once it answers.")
    boolean detach;

    @Option(names = "--stop", description = "Stop the server that --detach started.")
    boolean stop;

    ServerCommand(Cli cli) {
        this.cli = cli;
    }

    static Path defaultDataDir() {
        return Stores.defaultDataDir();
    }

    @Override
    public Integer call() throws Exception {
        Path data = dataDir != null ? dataDir : defaultDataDir();
        if (stop) {
            return stop(data);
        }
        // Every option is checked before anything is opened, made or started.
        ListenAddress.check(bind, port);
        if (noAuth && !ServerOptions.loopback(bind)) {
            throw new ConfigException("--no-auth serves without tokens, so only on a loopback address (such as "
                    + "127.0.0.1), not on --bind " + bind);
        }
        Exposure.check(bind, authReads, publicReads);
        DatabaseLocation location = DatabaseLocation.parse(db);
        ControlPlane.Options options = options();
        ServerTargets.check(target, kube);
        String password = Credential.DB_PASSWORD.resolve(dbPassword, dbPasswordFile, System.getenv());
        OpenModes.warnings(data, location.sqliteFile()).forEach(w -> cli.err().println("capstan: WARNING: " + w));
        if (detach) {
            return detach(data);
        }
        Optional<WorkloadTarget> workloads = ServerTargets.open(target, kube, cli);
        Runnable closeTarget = () -> workloads.ifPresent(WorkloadTarget::close);
        List<Path> made = new ArrayList<>(1);
        Tokens tokens;
        Store store;
        try {
            tokens = Tokens.open(data, made::add); // a token file others may read stops the start here
            store = Stores.open(location, dbUser, password);
        } catch (RuntimeException e) {
            closeTarget.run();
            throw e;
        }
        ControlPlane plane;
        ApiServer server;
        try {
            plane = workloads.isPresent() ? ControlPlane.open(ServerTargets.engine(target, cli), store, options,
                    workloads.get()) : ControlPlane.open(cli.engine(), store, options);
        } catch (RuntimeException e) {
            store.close();
            closeTarget.run();
            throw e;
        }
        try {
            // Listening comes first: a server that cannot have its port must not follow events or reconcile.
            server = ApiServer.start(plane, tokens, new ServerOptions(bind, port, data, authReads, noAuth, metricsPublic)
                    .withPublicReads(publicReads), version());
        } catch (RuntimeException e) {
            plane.close();
            store.close();
            closeTarget.run();
            throw bindFailure(e);
        }
        try {
            plane.run();
        } catch (RuntimeException e) {
            server.close();
            plane.close();
            store.close();
            closeTarget.run();
            throw e;
        }
        LocalServer.record(data, server.url());
        cli.err().println("capstan: " + (made.isEmpty() ? "admin token: " : "made the admin token: ") + tokens.adminFile()
                + " (mode 0600; send it as 'Authorization: Bearer <token>')");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            plane.close();
            store.close();
            closeTarget.run();
            stopped.countDown();
        }, "capstan-server-shutdown"));
        if (noAuth) {
            cli.err().println("capstan: WARNING: " + ServerOptions.NO_AUTH_WARNING);
        }
        Exposure.warning(bind).ifPresent(w -> cli.err().println("capstan: WARNING: " + w));
        String bound = server.url().getAuthority().equals(server.boundAddress()) ? ""
                : ", listening on " + server.boundAddress();
        cli.err().println("capstan: control plane at " + server.url() + bound + " (database: " + store.location()
                + ", managed containers: " + plane.state().size()
                + workloads.map(w -> ", desired images run as " + (target.equals("kubernetes") ? "Deployments" : "services")
                + " on " + w.describe()).orElse("") + ")");
        cli.err().flush();
        stopped.await();
        return 0;
    }

    private ControlPlane.Options options() {
        if (healthInterval < 1 || healthRetentionDays < 1 || resyncInterval < 1) {
            throw new ConfigException("--health-interval, --health-retention-days and --resync-interval must be at "
                    + "least 1, got " + healthInterval + ", " + healthRetentionDays + " and " + resyncInterval);
        }
        HealthRule rule;
        try {
            rule = new HealthRule(healthWarning, healthCritical);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--health-warning and --health-critical: " + e.getMessage());
        }
        Reconciler.Options defaults = Reconciler.Options.DEFAULT;
        return new ControlPlane.Options(Duration.ofSeconds(healthInterval), Duration.ofDays(healthRetentionDays), rule,
                new Reconciler.Options(Duration.ofSeconds(resyncInterval), defaults.crashWindow(), defaults.backoffBase(),
                        defaults.backoffCap(), defaults.rolloutTimeout()));
    }

    private RuntimeException bindFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                String reason = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
                return new ConflictException("cannot listen on " + bind + ":" + port + ": " + (reason.contains("in use")
                        ? "the port is in use (is another server running? choose another --port)"
                        : t.getMessage() + " (choose another --bind or --port)"), null);
            }
        }
        return e;
    }

    /** Runs this command again in its own session, logging to the data directory, and waits until it answers. */
    private int detach(Path data) throws IOException, InterruptedException {
        URI health = healthAt(port);
        if (port != 0 && answers(health)) {
            cli.err().println("capstan: a server already answers at " + health.resolve("/"));
            return 0;
        }
        Path launcher = Path.of(System.getProperty("capstan.home", ".")).resolve("capstan");
        if (!Files.isExecutable(launcher)) {
            throw new EngineUnavailableException("--detach needs the ./capstan launcher (run from a Capstan checkout)");
        }
        dataDir = data; // the child uses the data directory this run writes its pid and log to, whatever its environment
        dbPasswordFile = dbPasswordFile == null ? null : dbPasswordFile.toAbsolutePath();
        Relaunch child = relaunch();
        List<String> command = new ArrayList<>(List.of("setsid", launcher.toString()));
        command.addAll(child.arguments());
        OwnerOnly.directory(data);
        Path log = data.resolve("server.log");
        OwnerOnly.file(log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(child.environment());
        java.nio.file.attribute.FileTime started = java.nio.file.attribute.FileTime.from(java.time.Instant.now());
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            // with --port 0 the child picks a port and records it in the data directory once it listens
            var bound = port != 0 ? java.util.OptionalInt.of(port) : LocalServer.recordedSince(data, started);
            if (bound.isPresent() && answers(healthAt(bound.getAsInt()))) {
                Files.writeString(data.resolve("server.pid"), process.pid() + "\n");
                cli.err().println("capstan: server started in the background at " + healthAt(bound.getAsInt())
                        .resolve("/") + " (pid " + process.pid() + ", log " + log + ", admin token "
                        + data.resolve(Tokens.ADMIN_FILE) + ")");
                return 0;
            }
            if (!process.isAlive()) {
                throw new EngineUnavailableException("the server exited (" + process.exitValue() + "): see " + log);
            }
            Thread.sleep(200);
        }
        process.destroy(); // not left running unrecorded, where --stop cannot find it
        throw new EngineUnavailableException("the server did not answer at " + (port != 0 ? health
                : "the port it chose (see " + LocalServer.PORT_FILE + " in " + data + ")") + " within 90 s, so it was "
                + "stopped: see " + log);
    }

    private URI healthAt(int listening) {
        String host = "0.0.0.0".equals(bind) ? "127.0.0.1" : bind;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + listening + "/health");
    }

    /** The background server's arguments: this run's, every option as parsed, without --detach. */
    Relaunch relaunch() {
        return Relaunch.of(spec, NOT_PASSED_ON, PASSED_IN_ENVIRONMENT);
    }

    private int stop(Path data) throws IOException {
        Path pidFile = data.resolve("server.pid");
        var process = Files.exists(pidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())) : java.util.Optional.<ProcessHandle>empty();
        if (process.isEmpty() || !process.get().isAlive()) {
            Files.deleteIfExists(pidFile);
            cli.err().println("capstan: no background server is running");
            return 0;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new EngineUnavailableException("the server (pid " + process.get().pid() + ") did not stop within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(pidFile);
        cli.err().println("capstan: server stopped (pid " + process.get().pid() + ")");
        return 0;
    }

    /** Whether a server answers there: with its health, or with a 401 when it wants a token for reads. */
    static boolean answers(URI health) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            int status = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String version() {
        try {
            return new CapstanCommand.Version().getVersion()[0].split(" ")[1];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
