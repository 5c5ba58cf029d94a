package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-service verbs' usage, checked before any engine is asked: options, service names, exec's command. */
class StackVerbsCliTest {
    @TempDir
    Path dir;

    private CliRunner cli() {
        return CliRunner.withEngineDown(dir.resolve("no-engine.sock").toString());
    }

    private Path project() throws Exception {
        Files.createDirectories(dir.resolve("services/web"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks: {}\n");
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), """
                services:
                  web: {image: busybox}
                  worker: {image: busybox, depends_on: [web]}
                """);
        return Files.writeString(dir.resolve("config.yml"),
                "deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n");
    }

    private List<String> errorOf(String... args) throws Exception {
        var result = cli().run(prepend(project().toString(), args));
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.FAILED);
        assertThat(result.out()).isEmpty();
        return result.errLines();
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void optionsOfAnotherVerbAreRefusedNamingTheVerbsTheyBelongTo() throws Exception {
        assertThat(errorOf("ps", "-f")).containsExactly("capstan: -f is accepted only with logs, not with ps");
        assertThat(errorOf("logs", "-a")).containsExactly("capstan: -a is accepted only with ps, not with logs");
        assertThat(errorOf("start", "-t", "3")).containsExactly(
                "capstan: -t is accepted only with up, down, stop, restart, clean and rebuild, not with start");
        assertThat(errorOf("ps", "--no-stream")).containsExactly("capstan: --no-stream is accepted only with stats, not with ps");
        assertThat(errorOf("up", "-T")).containsExactly("capstan: -T is accepted only with exec, not with up");
        assertThat(errorOf("down", "web")).containsExactly("capstan: service names are accepted only with up, stop, "
                + "start, restart, ps, logs, stats and exec: unexpected 'web'");
        assertThat(errorOf("exec", "web")).containsExactly(
                "capstan: exec needs a service and a command: capstan CONFIG exec SERVICE COMMAND...");
        assertThat(errorOf("logs", "--tail", "some")).containsExactly(
                "capstan: invalid --tail 'some': expected a number of lines or 'all'");
    }

    @Test
    void anUnknownVerbIsAUsageErrorListingTheVerbs() throws Exception {
        var unknown = cli().run(project().toString(), "begin");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.errLines()).containsExactly("capstan: unknown verb 'begin': use up, down, stop, start, restart, "
                + "clean, rebuild, ps, logs, stats, exec, plan, config or render", "See 'capstan stack --help'.");
    }

    @Test
    void anUnknownServiceIsOneLineListingTheStacksServicesBeforeTheEngineIsAsked() throws Exception {
        for (String verb : List.of("up", "stop", "start", "restart", "ps", "logs", "stats")) {
            assertThat(errorOf(verb, "web", "wrker")).as(verb).singleElement().asString()
                    .endsWith("service 'wrker' is not in stack '" + dir.getFileName().toString().toLowerCase()
                            .replaceAll("[^a-z0-9_-]", "") + "'; its services are web, worker");
        }
        assertThat(errorOf("exec", "wrker", "ls", "-l")).singleElement().asString().contains("service 'wrker' is not in stack");
    }

    @Test
    void everythingAfterExecsServiceIsTheCommandsAndLogsTakesMinusTForTimestamps() {
        assertThat(StackArguments.prepare(new String[] {"stack", "c.yml", "exec", "-T", "-e", "A=1", "--index", "2",
                "web", "ls", "-l", "--", "-t"}, 0))
                .containsExactly("stack", "c.yml", "exec", "-T", "-e", "A=1", "--index", "2", "web", "--", "ls", "-l",
                        "--", "-t");
        assertThat(StackArguments.prepare(new String[] {"--debug", "stack", "--lenient", "c.yml", "logs", "-t", "-f", "web"}, 1))
                .containsExactly("--debug", "stack", "--lenient", "c.yml", "logs", "--timestamps", "-f", "web");
        assertThat(StackArguments.prepare(new String[] {"stack", "c.yml", "stop", "-t", "3", "web"}, 0))
                .containsExactly("stack", "c.yml", "stop", "-t", "3", "web");
    }

    @Test
    void dashEIsKeyEqualsValueOrAKeyCopiedFromTheEnvironment() {
        assertThat(EnvAssignments.parse(List.of("A=1", "B", "C", "A=2=3", "D="), Map.of("B", "from-env")))
                .containsExactly(Map.entry("A", "2=3"), Map.entry("B", "from-env"), Map.entry("D", ""));
        var bad = cli().run("containers", "exec", "-e", "=x", "web", "ls");
        assertThat(bad.errLines()).containsExactly("capstan: invalid -e '=x': expected KEY=VALUE or KEY");
    }
}
