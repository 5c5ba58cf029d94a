package io.capstan.cli;

import io.capstan.cli.output.ProgressPrinter;
import io.capstan.cli.output.Table;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.docker.EngineStarter;
import io.capstan.server.ServerOptions;
import io.capstan.server.Tokens;
import io.capstan.stack.run.StackLabels;
import io.capstan.stack.run.StackRunner;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "demo",
        description = {"Run the example stack (examples/demo): installs what is missing (root, Debian), starts the engine, "
                + "builds the example's images locally, brings the stack up detached and waits until it is healthy, "
                + "starts the control plane's API server in the background (embedded SQLite, 127.0.0.1:8000), "
                + "then shows what runs where. Running it again is safe."},
        footer = {"", "Example:", "  ./capstan demo", "  ./capstan examples/demo/config.yml down      # stop it"})
final class DemoCommand implements Callable<Integer> {
    private final Cli cli;

    DemoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Path home = home();
        Path config = home.resolve("examples/demo/config.yml");
        ensureEngine(home);
        step("building the local base image (capstan-busybox:test from Debian's busybox-static)");
        script(home.resolve("scripts/test-images.sh"));

        var stack = StackSession.generate(cli, config, false);
        StackSession session = StackSession.open(cli, stack);
        StackRunner runner = session.runner(cli, new ProgressPrinter(cli.err(), ProgressPrinter.terminal()));
        step("bringing the stack up (" + session.project().name() + ")");
        runner.up(new StackRunner.UpOptions(false, true, false, true, Duration.ofMinutes(2)));

        List<ContainerSummary> containers = cli.engine().containers()
                .list(ContainerFilter.allWithLabels(StackLabels.filter(session.project().name())));
        Table table = Table.of("SERVICE", "STATE", "URL");
        containers.stream()
                .sorted(java.util.Comparator.comparing(c -> c.labels().getOrDefault(Labels.SERVICE, "")))
                .forEach(c -> table.row(c.labels().get(Labels.SERVICE),
                        c.status().word() + (c.health().word().equals("none") ? "" : " (" + c.health().word() + ")"),
                        c.ports().isEmpty() ? "(inside the stack network only)" : c.ports().stream()
                                .filter(p -> p.hostPort() > 0)
                                .map(p -> "http://127.0.0.1:" + p.hostPort() + "/").collect(Collectors.joining(" "))));
        cli.out().println();
        table.print(cli.out());
        step("starting the control plane (capstan server, embedded SQLite) in the background");
        Path data = ServerCommand.defaultDataDir();
        // 'capstan [--engine E] server --detach', parsed in the command tree so that the background server gets the
        // defaults 'capstan server' has and this run's engine.
        picocli.CommandLine tree = Main.commandLine(cli, ServerCommand.NAME);
        tree.parseArgs(cli.engineEndpoint() == null ? new String[] {ServerCommand.NAME, "--detach"}
                : new String[] {"--engine", cli.engineEndpoint(), ServerCommand.NAME, "--detach"});
        ServerCommand server = tree.getSubcommands().get(ServerCommand.NAME).getCommand();
        server.call();

        String relative = Path.of("").toAbsolutePath().relativize(config).toString();
        cli.out().println();
        cli.out().println("Control plane:  http://" + ServerOptions.DEFAULT_BIND + ":" + ServerOptions.DEFAULT_PORT
                + "/containers  (API: /openapi.json; admin token for changes: " + data.resolve(Tokens.ADMIN_FILE) + ")");
        cli.out().println("                try: ./capstan managed run -p 80/tcp capstan-busybox:test httpd -f -p 80");
        cli.out().println();
        cli.out().println("Stop it with:   ./capstan " + relative + " down");
        cli.out().println("Remove it all:  ./capstan " + relative + " clean");
        cli.out().println("Stop the control plane: ./capstan server --stop");
        return 0;
    }

    /** The checkout the launcher runs from (it passes -Dcapstan.home), else the working directory. */
    private static Path home() {
        return Path.of(System.getProperty("capstan.home", ".")).toAbsolutePath().normalize();
    }

    private void ensureEngine(Path home) throws IOException, InterruptedException {
        EngineStarter starter = LocalEngineStarter.of(cli);
        try {
            cli.engines().locate(cli.engineEndpoint()).close();
            return;
        } catch (EngineUnavailableException notRunning) {
            if (!starter.startsTheEngineInUse(cli.engineEndpoint())) {
                throw notRunning;
            }
        }
        step("installing missing Debian packages (docker.io, busybox-static, ...)");
        script(home.resolve("scripts/install-deps.sh"));
        step("starting the engine");
        var outcome = starter.ensureRunning(cli.engineEndpoint(), line -> cli.err().println("capstan: " + line));
        cli.err().println("capstan: engine answering at " + outcome.endpoint());
    }

    private void step(String what) {
        cli.err().println("capstan: demo: " + what);
        cli.err().flush();
    }

    private void script(Path script) throws IOException, InterruptedException {
        if (!Files.isExecutable(script)) {
            throw new EngineUnavailableException(script + " is missing: run the demo from a Capstan checkout");
        }
        Process p = new ProcessBuilder(script.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new EngineUnavailableException(script.getFileName() + " failed (exit " + p.exitValue() + ")");
        }
    }
}
