package io.capstan.stack.run;

import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-key configuration hash: a changed per-container key recreates the container, and says which key. */
class ServiceSpecsTest {
    @TempDir
    Path dir;

    private ComposeProject project(String keys) throws IOException {
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  web:\n    image: x\n" + keys);
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "p");
    }

    private ContainerSpec spec(String keys) throws IOException {
        ComposeProject project = project(keys);
        return new ServiceSpecs(project).spec(project.services().get("web"), 1, "sha256:1");
    }

    private static List<String> changed(ContainerSpec before, ContainerSpec after) {
        Map<String, String> a = ServiceSpecs.decode(before.labels().get(StackLabels.CONFIG_KEYS));
        Map<String, String> b = ServiceSpecs.decode(after.labels().get(StackLabels.CONFIG_KEYS));
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(a.get(k), b.get(k))).toList();
    }

    @Test
    void eachPerContainerKeyIsAPartOfTheHash() throws IOException {
        Map<String, String> variants = Map.ofEntries(
                Map.entry("cap_add", "    cap_add: [NET_ADMIN]\n"),
                Map.entry("ulimits", "    ulimits: {nofile: 1024}\n"),
                Map.entry("stop_signal", "    stop_signal: SIGINT\n"),
                Map.entry("stop_grace_period", "    stop_grace_period: 3s\n"),
                Map.entry("sysctls", "    sysctls: {net.core.somaxconn: 1024}\n"),
                Map.entry("dns", "    dns: [1.1.1.1]\n"),
                Map.entry("logging", "    logging: {driver: local}\n"),
                Map.entry("pids_limit", "    pids_limit: 10\n"),
                Map.entry("read_only", "    read_only: true\n"),
                Map.entry("tty", "    tty: true\n"));
        ContainerSpec plain = spec("");
        for (var variant : variants.entrySet()) {
            ContainerSpec changed = spec(variant.getValue());
            assertThat(changed.labels().get(Labels.CONFIG_HASH)).as(variant.getKey()).isNotEqualTo(plain.labels().get(Labels.CONFIG_HASH));
            assertThat(changed(plain, changed)).as(variant.getKey()).containsExactly(variant.getKey());
        }
    }

    @Test
    void aChangedValueIsAChangeOfThatKeyAlone() throws IOException {
        assertThat(changed(spec("    cap_add: [NET_ADMIN]\n    init: true\n"), spec("    cap_add: [SYS_PTRACE]\n    init: true\n")))
                .containsExactly("cap_add");
    }

    @Test
    void aServiceWithoutTheKeysKeepsTheHashItHadBeforeTheyWereRead() throws IOException {
        // The parts a container made before these keys were read carries: none of the new keys.
        assertThat(ServiceSpecs.decode(spec("").labels().get(StackLabels.CONFIG_KEYS)).keySet()).containsExactly(
                "command", "container_name", "entrypoint", "environment", "extra_hosts", "healthcheck", "hostname",
                "image", "labels", "networks", "ports", "resources", "restart", "user", "volumes", "working_dir");
    }

    @Test
    void theSettingsReachTheContainerSpec() throws IOException {
        ContainerSpec spec = spec("    cap_add: [NET_ADMIN]\n    stop_signal: SIGINT\n");
        assertThat(spec.settings().security().capAdd()).containsExactly("NET_ADMIN");
        assertThat(spec.settings().process().stopSignal()).isEqualTo("SIGINT");
    }

    @Test
    void aChangedSecretFileRecreatesTheServiceThatMountsIt() throws IOException {
        Files.writeString(dir.resolve("pw.txt"), "one");
        String keys = "    secrets: [pw]\n    configs: [{source: conf, target: /etc/app.conf}]\n"
                + "secrets:\n  pw:\n    file: pw.txt\nconfigs:\n  conf:\n    content: a=1\n";
        ContainerSpec before = spec(keys);
        assertThat(before.mounts()).extracting(m -> m.target() + (m.readOnly() ? ":ro" : ""))
                .containsExactly("/run/secrets/pw:ro", "/etc/app.conf:ro");
        assertThat(before.mounts().getFirst().source()).isEqualTo(dir.resolve("pw.txt").toString());
        Files.writeString(dir.resolve("pw.txt"), "two");
        ContainerSpec after = spec(keys);
        assertThat(after.labels().get(Labels.CONFIG_HASH)).isNotEqualTo(before.labels().get(Labels.CONFIG_HASH));
        assertThat(changed(before, after)).containsExactly("secrets");
        assertThat(changed(after, spec(keys.replace("a=1", "a=2")))).containsExactly("configs");
    }
}
