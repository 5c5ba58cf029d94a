package io.capstan.cli;

import io.capstan.kernels.launch.LaunchWarmUp;
import io.capstan.kernels.protocol.ProtocolWarmUp;
import io.capstan.cli.output.Json;
import io.capstan.cli.output.ProgressPrinter;
import io.capstan.cli.output.Table;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.CapstanException;
import io.capstan.kubernetes.KubeAccess;
import io.capstan.kubernetes.stack.ClusterStack;
import io.capstan.kubernetes.stack.ManifestFiles;
import io.capstan.kubernetes.stack.StackManifests;
import io.capstan.server.ServerWarmUp;
import io.capstan.stack.GeneratedStack;
import io.capstan.stack.StackGenerator;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.run.ServiceSpecs;
import io.capstan.stack.run.StackRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run once by the launcher after each build, with the JVM recording the classes it loads into a class-data
 * archive that every later command starts from (about a third less start-up time). It goes through the code
 * paths commands use, on a throw-away stack, and asks the engine something when one answers; it prints nothing.
 */
@Command(name = "warm-up", hidden = true, description = "Load the classes commands use (for the launcher's class-data archive).")
final class WarmUpCommand implements Runnable {
    private final Cli cli;
    @Option(names = "--kernel-launch", description = "Only what 'kernel launch' runs (for its own, smaller archive).")
    boolean kernelLaunch;
    @Option(names = "--server", description = "What a server does in its first minutes (for the server's own archive).")
    boolean server;

    WarmUpCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        if (kernelLaunch) {
            warmKernelLaunch();
            return;
        }
        if (server) {
            warmServer();
            return;
        }
        Main.commandLine(cli).getSubcommands().values().forEach(c -> c.getUsageMessage()); // help rendering
        PrintWriter sink = new PrintWriter(new StringWriter());
        Json.print(sink, Map.of("warm", true));
        ProtocolWarmUp.run(); // what a kernel launch asks the kernel with
        Path dir = null;
        try {
            dir = Files.createTempDirectory("capstan-warm-up");
            Files.createDirectories(dir.resolve("services/web"));
            Files.writeString(dir.resolve("config.yml"), "project_name: warmup\nimport: []\ndeployed_services: [web]\n"
                    + "framework:\n  services:\n    web: {path: ./services/web, port: 80}\n");
            Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  net: {}\n");
            Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), "services:\n  web:\n    image: x\n"
                    + "    ports: [\"{{ service.port }}:80\"]\n    environment: {A: \"{{ project_name | upper }}\"}\n"
                    + "    networks: [net]\n    healthcheck: {test: [CMD, 'true'], interval: 1s}\n    build: {context: .}\n");
            GeneratedStack stack = new StackGenerator(Map.of(), false).generate(dir.resolve("config.yml"));
            ComposeProject project = new ComposeLoader(Map.of(), dir).load(stack.composeFiles(), "warmup");
            new ServiceSpecs(project).spec(project.services().get("web"), 1, "sha256:0");
            warmUpKubernetes(stack, dir);
            cli.engine().containers().list(ContainerFilter.RUNNING);
            LaunchWarmUp.run(cli.engine(), Files.createDirectories(dir.resolve("kernel")));
            KernelLaunchArguments.of("kernel", "launch", "--connection-file", "c.json", "--spec-dir", "k");
            // read-only: what up would do (the image may be missing: it has a build section) and the ps table
            StackRunner runner = new StackRunner(cli.engine(), project, new ProgressPrinter(sink, false));
            runner.plan();
            Table table = Table.of("SERVICE", "CONTAINER", "STATE", "HEALTH", "PORTS");
            runner.ps().forEach(r -> table.row(r.service(), r.container(), r.state(), r.health(), r.ports()));
            table.row("web", "warmup-web-1", "running", "healthy", "127.0.0.1:80->80/tcp").print(sink);
        } catch (IOException | CapstanException e) {
            // warming up is best effort: an engine that is down or a read-only /tmp only makes the archive smaller
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * A kernel launch's own path, for the archive {@code ./capstan kernel launch} starts from: every class in an
     * archive is loaded at start, so the launch a client waits for loads the few thousand it needs, not every
     * command's.
     */
    private void warmKernelLaunch() {
        KernelLaunchArguments.of("kernel", "launch", "--connection-file", "c.json", "--spec-dir", "k");
        ProtocolWarmUp.run();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("capstan-warm-up");
            LaunchWarmUp.run(cli.engine(), dir);
        } catch (IOException | CapstanException e) {
            // best effort, as above
        } finally {
            deleteQuietly(dir);
        }
    }

    /** A real server on a free loopback port, for the archive {@code ./capstan server} starts from. */
    private void warmServer() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("capstan-warm-up");
            ServerWarmUp.run(cli.engine(), dir);
        } catch (IOException | RuntimeException e) {
            // best effort: an engine that is down only makes the archive smaller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }

    /** render --target kubernetes, and the client the other verbs use (asking a port where nobody answers). */
    private static void warmUpKubernetes(GeneratedStack stack, Path dir) throws IOException {
        var compose = new ComposeLoader(Map.of(), dir).loadForSwarm(stack.composeFiles(), "warmup");
        ManifestFiles.write(StackManifests.render(compose).manifests(), dir.resolve("k8s"));
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: none, cluster: {server: "http://127.0.0.1:9"}}]
                users: [{name: none, user: {token: none}}]
                contexts: [{name: none, context: {cluster: none, user: none, namespace: warmup}}]
                current-context: none
                """);
        try (ClusterStack cluster = ClusterStack.connect(new KubeAccess(kubeconfig, null, null))) {
            cluster.plan(compose, false);
        } catch (CapstanException expected) {
            // nobody answers there: what matters is the classes loaded on the way
        }
    }
}
