package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.ContainerSettings;
import io.capstan.core.spec.ContainerSettings.Device;
import io.capstan.core.spec.ContainerSettings.Ulimit;
import io.capstan.stack.compose.ComposeProject.PullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-container keys: every form compose accepts, the values they give, and file:line errors for bad ones. */
class ContainerSettingsReaderTest {
    @TempDir
    Path dir;

    private final List<Path> files = new ArrayList<>();

    private ComposeProject load(String... contents) throws IOException {
        files.clear();
        for (int i = 0; i < contents.length; i++) {
            files.add(Files.writeString(dir.resolve("f" + i + ".yml"), contents[i]));
        }
        return new ComposeLoader(Map.of(), dir).load(files, "p");
    }

    private ComposeProject.Service web(String keys) throws IOException {
        return load("services:\n  web:\n    image: x\n" + keys).services().get("web");
    }

    @Test
    void everyKeyIsReadIntoTheSettings() throws IOException {
        var web = web("""
                    cap_add: [NET_ADMIN, SYS_PTRACE]
                    cap_drop: [MKNOD]
                    privileged: true
                    read_only: true
                    security_opt: [no-new-privileges]
                    group_add: [audio, 1234]
                    devices: [/dev/null, '/dev/zero:/dev/zero2', '/dev/full:/dev/full:r']
                    ulimits: {nproc: 512, nofile: {soft: 1024, hard: 2048}}
                    pids_limit: 100
                    mem_reservation: 64m
                    memswap_limit: 1g
                    oom_score_adj: 500
                    shm_size: 128m
                    init: true
                    stop_signal: SIGINT
                    stop_grace_period: 1m30s
                    tty: true
                    stdin_open: true
                    pid: host
                    ipc: shareable
                    runtime: runc
                    sysctls: [net.core.somaxconn=1024]
                    tmpfs: /run
                    dns: 1.1.1.1
                    dns_search: [example.com]
                    dns_opt: [ndots:2]
                    logging: {driver: json-file, options: {max-size: 10m}}
                    annotations: {com.example.a: b}
                    platform: linux/amd64
                    pull_policy: never
                """);
        ContainerSettings s = web.settings();
        assertThat(s.security()).isEqualTo(new ContainerSettings.Security(List.of("NET_ADMIN", "SYS_PTRACE"), List.of("MKNOD"),
                true, true, List.of("no-new-privileges"), List.of("audio", "1234"), List.of(new Device("/dev/null", "/dev/null", "rwm"),
                new Device("/dev/zero", "/dev/zero2", "rwm"), new Device("/dev/full", "/dev/full", "r"))));
        assertThat(s.limits()).isEqualTo(new ContainerSettings.Limits(List.of(new Ulimit("nproc", 512, 512),
                new Ulimit("nofile", 1024, 2048)), 100L, 64L << 20, 1L << 30, 500, 128L << 20));
        assertThat(s.process()).isEqualTo(new ContainerSettings.Process(true, "SIGINT", Duration.ofSeconds(90), true, true,
                "host", "shareable", "runc", Map.of("net.core.somaxconn", "1024"), Map.of("/run", "")));
        assertThat(s.dns()).isEqualTo(new ContainerSettings.Dns(List.of("1.1.1.1"), List.of("example.com"), List.of("ndots:2")));
        assertThat(s.logging()).isEqualTo(new ContainerSettings.Logging("json-file", Map.of("max-size", "10m")));
        assertThat(s.annotations()).containsExactly(Map.entry("com.example.a", "b"));
        assertThat(s.platform()).isEqualTo("linux/amd64");
        assertThat(web.pullPolicy()).isEqualTo(PullPolicy.NEVER);
    }

    @Test
    void aServiceWithoutTheKeysHasDefaultSettings() throws IOException {
        var web = web("");
        assertThat(web.settings()).isEqualTo(ContainerSettings.DEFAULTS);
        assertThat(web.pullPolicy()).isEqualTo(PullPolicy.DEFAULT);
    }

    @Test
    void alternativeFormsGiveTheSameValues() throws IOException {
        var web = web("""
                    sysctls: {net.core.somaxconn: 1024}
                    tmpfs: ['/run:size=64m', /tmp]
                    deploy: {resources: {limits: {pids: 50}, reservations: {memory: 32m}}}
                    memswap_limit: -1
                    stop_signal: 15
                    pull_policy: if_not_present
                """);
        assertThat(web.settings().process().sysctls()).containsExactly(Map.entry("net.core.somaxconn", "1024"));
        assertThat(web.settings().process().tmpfs()).containsExactly(Map.entry("/run", "size=64m"), Map.entry("/tmp", ""));
        assertThat(web.settings().limits().pidsLimit()).isEqualTo(50L);
        assertThat(web.settings().limits().memoryReservation()).isEqualTo(32L << 20);
        assertThat(web.settings().limits().memorySwap()).isEqualTo(-1L);
        assertThat(web.settings().process().stopSignal()).isEqualTo("15");
        assertThat(web.pullPolicy()).isEqualTo(PullPolicy.MISSING);
    }

    @Test
    void sysctlsAndAnnotationsMergeByKeyAcrossFiles() throws IOException {
        var web = load("services:\n  web:\n    image: x\n    sysctls: [a.b=1, c.d=2]\n",
                "services:\n  web:\n    sysctls: {c.d: 3}\n").services().get("web");
        assertThat(web.settings().process().sysctls()).containsExactly(Map.entry("a.b", "1"), Map.entry("c.d", "3"));
    }

    @Test
    void badValuesAreErrorsWithFileAndLine() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("    ulimits:\n      nofile: {soft: 2048, hard: 1024}\n", "f0.yml:5: ulimits.nofile: soft 2048 is above hard 1024");
        cases.put("    ulimits: {nofile: {soft: 10}}\n", "f0.yml:4: ulimits.nofile: give both soft and hard");
        cases.put("    ulimits: {nofile: lots}\n", "f0.yml:4: ulimits.nofile must be a whole number, found");
        cases.put("    stop_signal: SIGNOPE\n", "f0.yml:4: stop_signal 'SIGNOPE' is not a signal");
        cases.put("    pids_limit: -5\n", "f0.yml:4: pids_limit -5 is negative: use a positive number, or -1 for no limit");
        cases.put("    oom_score_adj: 2000\n", "f0.yml:4: oom_score_adj 2000 is outside -1000 to 1000");
        cases.put("    cap_add: [NET_ADMN]\n", "f0.yml:4: cap_add: unknown capability 'NET_ADMN'");
        cases.put("    devices: ['dev/fuse']\n", "f0.yml:4: device 'dev/fuse': expected HOST[:CONTAINER[:PERMISSIONS]]");
        cases.put("    devices: ['/dev/fuse:/dev/fuse:rwx']\n", "f0.yml:4: device '/dev/fuse:/dev/fuse:rwx'");
        cases.put("    shm_size: huge\n", "f0.yml:4: invalid memory value 'huge'");
        cases.put("    stop_grace_period: soon\n", "f0.yml:4: invalid duration 'soon'");
        cases.put("    sysctls: [net.core.somaxconn]\n", "f0.yml:4: sysctls entry 'net.core.somaxconn' needs a value");
        cases.put("    tmpfs: run\n", "f0.yml:4: tmpfs path 'run' must be an absolute path");
        cases.put("    privileged: yes\n", "f0.yml:4: privileged must be true or false, found");
        cases.put("    pull_policy: sometimes\n", "f0.yml:4: pull_policy 'sometimes' is not one of always, never, missing");
        cases.put("    platform: Linux amd64\n", "f0.yml:4: platform 'Linux amd64': expected OS[/ARCH[/VARIANT]]");
        cases.put("    pid: shared\n", "f0.yml:4: pid 'shared' is not supported: use host, service:NAME or container:NAME");
        cases.put("    cap_add: NET_ADMIN\n", "f0.yml:4: cap_add must be a list, found");
        cases.forEach((keys, message) -> assertThatThrownBy(() -> web(keys)).as(keys)
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message));
    }

    @Test
    void anUnsupportedKeyIsOneWarningHoweverManyServicesUseIt() throws IOException {
        var project = load("""
                services:
                  a: {image: x, blkio_config: {weight: 300}}
                  b: {image: x, blkio_config: {weight: 300}}
                  c: {image: x, isolation: hyperv}
                """);
        assertThat(project.warnings()).containsExactly(
                "f0.yml:2: services 'a', 'b': key 'blkio_config' is not supported and is ignored",
                "f0.yml:4: service 'c': key 'isolation' applies to Windows containers only and is ignored on a Linux engine");
    }

    @Test
    @SuppressWarnings("unchecked")
    void configPrintsTheKeysInComposeForm() throws IOException {
        var project = load("""
                services:
                  web:
                    image: x
                    cap_add: [NET_ADMIN]
                    ulimits: {nproc: 512, nofile: {soft: 1024, hard: 2048}}
                    stop_grace_period: 90s
                    shm_size: 1m
                    sysctls: [net.core.somaxconn=1024]
                    tmpfs: /run
                    logging: {driver: local}
                    pull_policy: always
                """);
        Map<String, Object> web = (Map<String, Object>) ((Map<String, Object>) ComposeConfig.of(project).get("services")).get("web");
        assertThat(web).containsEntry("cap_add", List.of("NET_ADMIN"))
                .containsEntry("ulimits", Map.of("nofile", Map.of("soft", 1024L, "hard", 2048L), "nproc", 512L))
                .containsEntry("stop_grace_period", "1m30s")
                .containsEntry("shm_size", 1L << 20)
                .containsEntry("sysctls", Map.of("net.core.somaxconn", "1024"))
                .containsEntry("tmpfs", List.of("/run"))
                .containsEntry("logging", Map.of("driver", "local"))
                .containsEntry("pull_policy", "always")
                .doesNotContainKeys("privileged", "init", "dns");
    }
}
