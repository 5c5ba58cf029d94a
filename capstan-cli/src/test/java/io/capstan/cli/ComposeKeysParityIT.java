package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.capstan.cli.DockerCommand.inspect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-container compose keys, brought up by Capstan and by Debian's {@code docker-compose} (1.29) from the same
 * generated files: both containers of each service must carry the same engine fields. One stack of three services
 * (security, limits, process) keeps it to one up and one down per tool. Fields docker-compose 1.29 does not set are
 * checked against the value written here.
 */
class ComposeKeysParityIT {
    private static final String TEMPLATE = """
            services:
              security:
                image: %1$s
                command: [sleep, "3600"]
                cap_add: [NET_ADMIN, SYS_PTRACE]
                cap_drop: [MKNOD]
                read_only: true
                security_opt: [no-new-privileges]
                group_add: ["1234"]
                devices: ["/dev/zero:/dev/keys18-zero:rw"]
                pull_policy: never
              limits:
                image: %1$s
                command: [sleep, "3600"]
                init: true
                ulimits:
                  nproc: 512
                  nofile: {soft: 1024, hard: 2048}
                mem_limit: 256m
                mem_reservation: 64m
                memswap_limit: 512m
                pids_limit: 100
                oom_score_adj: 500
                shm_size: 128m
                sysctls: [net.core.somaxconn=1024]
                tmpfs: ["/keys18:size=1m"]
              process:
                image: %1$s
                command: [sleep, "3600"]
                stop_signal: SIGINT
                stop_grace_period: 3s
                tty: true
                stdin_open: true
                ipc: shareable
                pid: host
                runtime: runc
                dns: [192.0.2.53]
                dns_search: [keys18.example]
                dns_opt: ["ndots:2"]
                logging: {driver: json-file, options: {max-size: 1m}}
            """;
    /** The engine fields each service's keys set. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "security", List.of("HostConfig.CapAdd", "HostConfig.CapDrop", "HostConfig.ReadonlyRootfs",
                    "HostConfig.SecurityOpt", "HostConfig.GroupAdd", "HostConfig.Devices"),
            "limits", List.of("HostConfig.Init", "HostConfig.Ulimits", "HostConfig.Memory", "HostConfig.MemoryReservation",
                    "HostConfig.MemorySwap", "HostConfig.PidsLimit", "HostConfig.OomScoreAdj", "HostConfig.ShmSize",
                    "HostConfig.Sysctls", "HostConfig.Tmpfs"),
            "process", List.of("Config.StopSignal", "Config.StopTimeout", "Config.Tty", "Config.OpenStdin", "HostConfig.IpcMode",
                    "HostConfig.PidMode", "HostConfig.Runtime", "HostConfig.Dns", "HostConfig.DnsSearch",
                    "HostConfig.DnsOptions", "HostConfig.LogConfig"));

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    @RegisterExtension
    final SideBySideStack stack = SideBySideStack.of("keys18", TEMPLATE.formatted(TestImages.BUSYBOX));

    @Test
    void everyKeySetsTheSameEngineFieldsAsDockerCompose() throws Exception {
        var up = cli.run(stack.config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.err()).doesNotContain("is not supported");
        stack.compose("up", "-d");

        for (var service : FIELDS.entrySet()) {
            JsonNode capstan = inspect("io.capstan.stack=" + stack.ours, service.getKey());
            JsonNode compose = inspect("com.docker.compose.project=" + stack.theirs, service.getKey());
            for (String field : service.getValue()) {
                assertThat(field(capstan, field).isMissingNode() || field(capstan, field).isNull())
                        .as(service.getKey() + ": " + field + " is set").isFalse();
                assertThat(field(capstan, field)).as(service.getKey() + ": " + field).isEqualTo(field(compose, field));
            }
        }
        JsonNode security = inspect("io.capstan.stack=" + stack.ours, "security");
        assertThat(field(security, "HostConfig.CapAdd").toString()).isEqualTo("[\"NET_ADMIN\",\"SYS_PTRACE\"]");
        assertThat(field(security, "HostConfig.Devices").toString()).isEqualTo(
                "[{\"PathOnHost\":\"/dev/zero\",\"PathInContainer\":\"/dev/keys18-zero\",\"CgroupPermissions\":\"rw\"}]");
        JsonNode limits = inspect("io.capstan.stack=" + stack.ours, "limits");
        assertThat(field(limits, "HostConfig.Ulimits").toString()).contains("{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024}");
        assertThat(field(limits, "HostConfig.ShmSize").asLong()).isEqualTo(128L << 20);
        assertThat(field(limits, "HostConfig.PidsLimit").asLong()).isEqualTo(100);
        assertThat(field(limits, "HostConfig.Tmpfs").toString()).isEqualTo("{\"/keys18\":\"size=1m\"}");
        JsonNode process = inspect("io.capstan.stack=" + stack.ours, "process");
        assertThat(field(process, "Config.StopSignal").asText()).isEqualTo("SIGINT");
        assertThat(field(process, "HostConfig.PidMode").asText()).isEqualTo("host");
        assertThat(field(process, "HostConfig.LogConfig").toString()).isEqualTo(
                "{\"Type\":\"json-file\",\"Config\":{\"max-size\":\"1m\"}}");
        assertThat(field(process, "Config.StopTimeout").asInt()).isEqualTo(3);
    }

    @Test
    void changingAKeyRecreatesTheContainerAndPlanSaysWhich() throws Exception {
        var up = cli.run(stack.config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        Files.writeString(stack.template,
                TEMPLATE.formatted(TestImages.BUSYBOX).replace("cap_add: [NET_ADMIN, SYS_PTRACE]", "cap_add: [NET_ADMIN]"));

        var plan = cli.run(stack.config.toString(), "plan");

        assertThat(plan.out()).contains("recreate  security (" + stack.ours + "-security-1): cap_add changed")
                .contains("unchanged limits").contains("unchanged process");
    }

    /** This sandbox refuses privileged containers (runc cannot apply the capabilities): both tools fail to start it. */
    @Test
    void privilegedIsSetOnTheContainerByBoth() throws Exception {
        stack.rewrite("services:\n  process:\n    image: "
                + TestImages.BUSYBOX + "\n    command: [sleep, \"3600\"]\n    privileged: true\n");
        cli.run(stack.config.toString(), "up", "-d");
        stack.composeMayFail("up", "-d");

        JsonNode capstan = inspect("io.capstan.stack=" + stack.ours, "process");
        assertThat(field(capstan, "HostConfig.Privileged").asBoolean()).isTrue();
        assertThat(field(capstan, "HostConfig.Privileged"))
                .isEqualTo(field(inspect("com.docker.compose.project=" + stack.theirs, "process"), "HostConfig.Privileged"));
    }

    @Test
    void whatTheEngineCannotDoIsAClearErrorOrAWarning() throws Exception {
        Files.writeString(stack.template, "services:\n  web:\n    image: " + TestImages.BUSYBOX + "\n    platform: linux/arm64\n");
        var wrongPlatform = cli.run(stack.config.toString(), "up", "-d");
        assertThat(wrongPlatform.exitCode()).isEqualTo(Main.FAILED);
        assertThat(wrongPlatform.err()).contains("service 'web' has platform 'linux/arm64', but the engine runs linux/amd64");

        Files.writeString(stack.template, "services:\n  web:\n    image: " + stack.ours + "-missing:1\n    pull_policy: never\n");
        var missing = cli.run(stack.config.toString(), "up", "-d");
        assertThat(missing.exitCode()).isEqualTo(Main.FAILED);
        assertThat(missing.err()).contains("service 'web' has pull_policy never and its image '" + stack.ours
                + "-missing:1' is not on the engine");

        Files.writeString(stack.template, "services:\n  web:\n    image: " + TestImages.BUSYBOX + "\n    pull_policy: always\n");
        var pullAlways = cli.run(stack.config.toString(), "up", "-d");
        assertThat(pullAlways.exitCode()).as("no registry is reachable here").isEqualTo(Main.FAILED);
        assertThat(pullAlways.err()).contains("service 'web' (pull_policy always): pulling " + TestImages.BUSYBOX + " failed: ");

        Files.writeString(stack.template, "services:\n  web:\n    image: " + TestImages.BUSYBOX
                + "\n    command: [sleep, \"3600\"]\n    annotations: {com.example.keys18: \"yes\"}\n    platform: linux/amd64\n");
        var annotated = cli.run(stack.config.toString(), "up", "-d");
        assertThat(annotated.exitCode()).as(annotated.err()).isZero();
        assertThat(annotated.err()).contains("capstan: warning: service 'web' sets annotations, which this engine "
                + "(API 1.41) does not have: they are ignored");
    }

    // ---- the tools ------------------------------------------------------------------------------------------------

    private static JsonNode field(JsonNode container, String path) {
        JsonNode node = container;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
