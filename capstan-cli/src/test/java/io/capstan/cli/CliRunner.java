package io.capstan.cli;

import io.capstan.core.engine.Engines;
import io.capstan.docker.DockerEngineProvider;
import io.capstan.docker.EngineLocator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process and captures what it prints. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final EngineLocator locator;

    private CliRunner(EngineLocator locator) {
        this.locator = locator;
    }

    static CliRunner withEnvironmentEngine() {
        return new CliRunner(EngineLocator.fromEnvironment());
    }

    /** A CLI that sees {@code environment} instead of the process's, with the usual default sockets. */
    static CliRunner withEngineEnvironment(Map<String, String> environment) {
        return new CliRunner(EngineLocator.fromEnvironment(environment));
    }

    /** A CLI that finds no engine anywhere (nobody listens at {@code socket}). */
    static CliRunner withEngineDown(String socket) {
        return new CliRunner(new EngineLocator(Map.of(),
                List.of(new EngineLocator.Candidate("Docker socket", "unix://" + socket))));
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} as standard input; what goes to the byte streams follows what the writers printed. */
    Result runWithInput(String input, String... args) {
        return runPrintingTo(new StringWriter(), input, args);
    }

    /** Runs printing to {@code out}, which another thread may read while the command runs (following, say). */
    Result runPrintingTo(StringWriter out, String input, String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream rawOut = new ByteArrayOutputStream();
        ByteArrayOutputStream rawErr = new ByteArrayOutputStream();
        var bytes = new Cli.Bytes(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), rawOut, rawErr);
        int code;
        try (Cli cli = new Cli(new PrintWriter(out, true), new PrintWriter(err, true), bytes, Engines.of(new DockerEngineProvider(locator)))) {
            code = Main.run(cli, args);
        }
        return new Result(code, out + rawOut.toString(StandardCharsets.UTF_8), err + rawErr.toString(StandardCharsets.UTF_8));
    }
}
