package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static io.capstan.cli.DockerCommand.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long port syntax's mode and the long and short volume options, brought up by Capstan and by Debian's
 * {@code docker-compose} (1.29) from the same files: the mounts and published ports the engine reports must match.
 * Options docker-compose 1.29 lacks (port name and app_protocol, tmpfs mode, bind selinux, create_host_path, subpath) are checked against the
 * values written here.
 */
class MountOptionsParityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = """
            services:
              web:
                image: %1$s
                command: [sleep, "3600"]
                ports:
                  - {target: 80, mode: host}
                  - {target: 81, mode: ingress}
                volumes:
                  - {type: bind, source: ./conf, target: /a, read_only: true, bind: {propagation: rprivate}, consistency: cached}
                  - ./conf:/b:ro,z
                  - {type: volume, source: empty, target: /etc, volume: {nocopy: true}}
                  - {type: volume, source: filled, target: /usr/share}
                  - {type: tmpfs, target: /t, tmpfs: {size: 1048576}}
            volumes:
              empty: {}
              filled: {}
            """;

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    @RegisterExtension
    final SideBySideStack stack = SideBySideStack.of("rest18", TEMPLATE.formatted(TestImages.BUSYBOX)).withVolumes();

    @BeforeEach
    void makeConfDirectory() throws IOException {
        // relative paths are relative to the project directory, the first file's
        Files.createDirectories(stack.projectDirectory().resolve("conf"));
    }

    @Test
    void mountsAndPortsMatchDockerCompose() throws Exception {
        var up = cli.run(stack.config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.err()).doesNotContain("not supported");
        stack.compose("up", "-d");

        JsonNode capstan = inspect("io.capstan.stack=" + stack.ours);
        JsonNode compose = inspect("com.docker.compose.project=" + stack.theirs);
        assertThat(capstan.at("/HostConfig/PortBindings")).isEqualTo(compose.at("/HostConfig/PortBindings"));
        assertThat(capstan.at("/HostConfig/PortBindings").toString()).contains("\"80/tcp\"").contains("\"81/tcp\"");
        for (String target : List.of("/a", "/b")) {
            JsonNode ourMount = mountAt(capstan, target);
            JsonNode theirMount = mountAt(compose, target);
            for (String field : List.of("Type", "Source", "RW", "Propagation")) {
                assertThat(ourMount.get(field)).as(target + " " + field).isEqualTo(theirMount.get(field));
            }
        }
        assertThat(mountAt(capstan, "/a").get("Propagation").asText()).isEqualTo("rprivate");
        assertThat(mountAt(capstan, "/b").get("Mode").asText()).contains("z");
        // nocopy: the new volume is not filled with the image's /etc; without it the image's files are copied in
        assertThat(exec(capstan, "ls", "/etc")).doesNotContain("passwd").isEqualTo(exec(compose, "ls", "/etc"));
        assertThat(exec(capstan, "ls", "/usr/share")).isEqualTo(exec(compose, "ls", "/usr/share"));
        assertThat(capstan.at("/HostConfig/Tmpfs").toString()).isEqualTo("{\"/t\":\"size=1048576\"}");
        assertThat(exec(capstan, "df", "-k", "/t")).isEqualTo(exec(compose, "df", "-k", "/t").replace(stack.theirs, stack.ours));
    }

    @Test
    void optionsDockerCompose129LacksReachTheEngine() throws Exception {
        Files.writeString(stack.template, """
                services:
                  web:
                    image: %s
                    command: [sleep, "3600"]
                    ports:
                      - {target: 80, mode: host, name: web, app_protocol: http}
                    volumes:
                      - {type: tmpfs, target: /t, tmpfs: {size: 2m, mode: "1770"}}
                      - {type: bind, source: ./made-by-up, target: /m, bind: {selinux: z, create_host_path: true}}
                """.formatted(TestImages.BUSYBOX));
        var up = cli.run(stack.config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();

        JsonNode capstan = inspect("io.capstan.stack=" + stack.ours);
        assertThat(capstan.at("/HostConfig/Tmpfs").toString()).isEqualTo("{\"/t\":\"size=2097152,mode=1770\"}");
        assertThat(exec(capstan, "stat", "-c", "%a", "/t").strip()).isEqualTo("1770");
        assertThat(mountAt(capstan, "/m").get("Mode").asText()).isEqualTo("rw,z");
        assertThat(capstan.at("/HostConfig/PortBindings").toString()).isEqualTo("{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}");
        assertThat(mountAt(capstan, "/m").get("Source").asText()).isEqualTo(stack.projectDirectory()
                .resolve("made-by-up").toString());
        assertThat(stack.projectDirectory().resolve("made-by-up")).isDirectory();
    }

    @Test
    void aVolumeSubpathIsRefusedNamingTheEnginesApi() throws Exception {
        Files.writeString(stack.template, """
                services:
                  web:
                    image: %s
                    volumes:
                      - {type: volume, source: data, target: /d, volume: {subpath: logs}}
                volumes:
                  data: {}
                """.formatted(TestImages.BUSYBOX));
        var up = cli.run(stack.config.toString(), "up", "-d");
        assertThat(up.exitCode()).isEqualTo(Main.FAILED);
        assertThat(up.err()).contains("service 'web' mounts a volume with volume.subpath, which needs an engine with API "
                + "1.45 or newer; this engine has API 1.41");
        assertThat(docker("ps", "-aq", "--filter", "label=io.capstan.stack=" + stack.ours)).as("nothing was created").isBlank();
    }

    // ---- the tools ------------------------------------------------------------------------------------------------

    private static JsonNode inspect(String label) throws Exception {
        List<String> ids = docker("ps", "-aq", "--filter", "label=" + label).lines().filter(l -> !l.isBlank()).toList();
        assertThat(ids).as(label).hasSize(1);
        return JSON.readTree(docker("inspect", ids.getFirst())).get(0);
    }

    private static JsonNode mountAt(JsonNode container, String target) {
        for (JsonNode mount : container.get("Mounts")) {
            if (mount.get("Destination").asText().equals(target)) {
                return mount;
            }
        }
        throw new AssertionError("no mount at " + target + " in " + container.get("Mounts"));
    }

    private static String exec(JsonNode container, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("exec", container.get("Id").asText()));
        argv.addAll(List.of(command));
        return docker(argv.toArray(String[]::new));
    }

}
