package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeViaTest {
    @TempDir
    Path dir;

    @Test
    void theSeedsArgvOneFlagPerFileRootFirstAndTheEnvFileThenTheProjectName() throws Exception {
        Path env = Files.writeString(dir.resolve(".env"), "A=1\n");
        List<Path> files = List.of(Path.of("/b/services/docker-compose.yml"), Path.of("/b/services/web/docker-compose.yml"));
        assertThat(ComposeVia.argv(List.of("podman", "compose"), files, env, "shop", "up", new ComposeVia.VerbFlags(true, false, 10)))
                .containsExactly(List.of("podman", "compose", "-f", "/b/services/docker-compose.yml", "-f",
                        "/b/services/web/docker-compose.yml", "--env-file", env.toString(), "-p", "shop", "up", "-d"));
        assertThat(ComposeVia.argv(List.of("docker-compose"), files, dir.resolve("missing.env"), "shop", "down",
                new ComposeVia.VerbFlags(false, false, 10)))
                .containsExactly(List.of("docker-compose", "-f", "/b/services/docker-compose.yml", "-f",
                        "/b/services/web/docker-compose.yml", "-p", "shop", "down", "-t", "10"));
        var rebuild = ComposeVia.argv(List.of("docker-compose"), files, null, "shop", "rebuild", new ComposeVia.VerbFlags(true, false, 10));
        assertThat(rebuild).hasSize(3);
        assertThat(rebuild.getLast()).endsWith("-p", "shop", "up", "-d");
    }

    @Test
    void downPassesTheGracePeriodAndVolumes() {
        List<Path> files = List.of(Path.of("/b/services/docker-compose.yml"));
        assertThat(ComposeVia.argv(List.of("docker-compose"), files, null, "shop", "down", new ComposeVia.VerbFlags(false, true, 0)))
                .containsExactly(List.of("docker-compose", "-f", "/b/services/docker-compose.yml", "-p", "shop",
                        "down", "-t", "0", "--volumes"));
        assertThat(ComposeVia.argv(List.of("docker-compose"), files, null, "shop", "down", new ComposeVia.VerbFlags(false, false, null)))
                .as("without -t the tool waits each service's stop_grace_period")
                .containsExactly(List.of("docker-compose", "-f", "/b/services/docker-compose.yml", "-p", "shop", "down"));
    }

    private static final List<Path> ROOT = List.of(Path.of("/b/services/docker-compose.yml"));
    private static final List<String> BASE = List.of("docker-compose", "-f", "/b/services/docker-compose.yml", "-p", "shop");

    /** What {@code capstan c.yml ARGS... --via docker} runs with docker-compose 1.x. */
    private static List<List<String>> viaDockerCompose(String... args) {
        return viaDockerCompose(true, args);
    }

    private static List<List<String>> viaDockerCompose(boolean terminal, String... args) {
        String[] all = StackArguments.prepare(Stream.concat(Stream.of("stack", "c.yml"), Stream.of(args))
                .toArray(String[]::new), 0);
        CommandLine line = new CommandLine(new StackCommand(null));
        CommandLine.ParseResult parsed = line.parseArgs(Arrays.copyOfRange(all, 1, all.length));
        StackCommand command = line.getCommand();
        return ComposeVia.argv(List.of("docker-compose"), ROOT, null, "shop", command.verb,
                new ComposeVia.VerbFlags(command.detach, command.volumes, command.timeoutSeconds,
                        ViaArguments.of(command.verb, parsed.matchedOptions(), command.services, terminal)));
    }

    private static List<String> base(String... more) {
        return Stream.concat(BASE.stream(), Stream.of(more)).toList();
    }

    @Test
    void todaysVerbsPassTheirOptionsAndServicesOnAsComposeSpellsThem() {
        assertThat(viaDockerCompose("up", "-d", "web", "db")).containsExactly(base("up", "--detach", "web", "db"));
        assertThat(viaDockerCompose("stop", "-t", "2", "web")).containsExactly(base("stop", "--timeout", "2", "web"));
        assertThat(viaDockerCompose("start", "web")).containsExactly(base("start", "web"));
        assertThat(viaDockerCompose("restart", "web")).containsExactly(base("restart", "web"));
        assertThat(viaDockerCompose("ps", "-a")).containsExactly(base("ps", "--all"));
        assertThat(viaDockerCompose("logs", "-f", "--tail", "5", "-t", "web"))
                .containsExactly(base("logs", "--follow", "--tail", "5", "--timestamps", "web"));
        assertThat(viaDockerCompose("exec", "-T", "-e", "A=1", "-u", "root", "-w", "/tmp", "web", "ls", "-l"))
                .as("the command's own options stay the command's")
                .containsExactly(base("exec", "-T", "--env", "A=1", "--user", "root", "--workdir", "/tmp", "--", "web", "ls", "-l"));
    }

    @Test
    void execWithoutATerminalStreamsAsCapstansOwnExecDoes() {
        assertThat(viaDockerCompose(false, "exec", "web", "cat")).containsExactly(base("exec", "-T", "--", "web", "cat"));
        assertThat(viaDockerCompose(true, "exec", "web", "sh")).containsExactly(base("exec", "--", "web", "sh"));
    }

    @Test
    void whatDockerComposeOneLacksIsRefusedNamingIt() {
        assertThatThrownBy(() -> viaDockerCompose("stats")).isInstanceOf(InvalidSpecException.class)
                .hasMessage("stats cannot be run --via docker here: docker-compose 1.x has no stats command "
                        + "(use 'docker compose' v2, or Capstan without --via)");
        assertThatThrownBy(() -> viaDockerCompose("logs", "--since", "10m")).isInstanceOf(InvalidSpecException.class)
                .hasMessage("--since cannot be used --via docker here: docker-compose 1.x logs has no --since (it has --tail)");
        assertThatThrownBy(() -> viaDockerCompose("up", "-d", "--rollback")).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("--rollback is Capstan's own");
    }

    @Test
    void dockerComposeTwoIsGivenWhatOneLacks() {
        assertThat(ComposeVia.argv(List.of("docker", "compose"), ROOT, null, "shop", "stats",
                new ComposeVia.VerbFlags(false, false, null, List.of("--no-stream"))))
                .containsExactly(List.of("docker", "compose", "-f", "/b/services/docker-compose.yml", "-p", "shop",
                        "stats", "--no-stream"));
    }
}
