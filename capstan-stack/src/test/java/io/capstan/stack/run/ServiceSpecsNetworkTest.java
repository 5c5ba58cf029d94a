package io.capstan.stack.run;

import io.capstan.core.spec.NetworkAttachment;
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

/** What a service's network settings and network_mode become in its container spec and its config hash. */
class ServiceSpecsNetworkTest {
    @TempDir
    Path dir;

    private ComposeProject load(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), text);
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "demo");
    }

    private static final String COMPOSE = """
            services:
              web:
                image: busybox
                networks:
                  back: {}
                  front:
                    ipv4_address: 172.28.5.10
                    mac_address: 02:42:ac:1c:05:0a
                    priority: 10
              side:
                image: busybox
                network_mode: service:web
            networks:
              back: {}
              front:
                ipam:
                  config: [{subnet: 172.28.5.0/24}]
            """;

    @Test
    void theHighestPriorityNetworkIsPrimaryAndGetsTheFixedAddressAndMac() throws IOException {
        var project = load(COMPOSE);
        var spec = new ServiceSpecs(project).spec(project.services().get("web"), 1, "sha256:1");
        assertThat(spec.networks()).containsExactly(
                new NetworkAttachment("demo_front", List.of("web"), "172.28.5.10", null, List.of()),
                new NetworkAttachment("demo_back", List.of("web")));
        assertThat(spec.macAddress()).isEqualTo("02:42:ac:1c:05:0a");
        assertThat(spec.networkMode()).isNull();
    }

    @Test
    void serviceModeJoinsTheFirstContainerOfThatService() throws IOException {
        var project = load(COMPOSE);
        var spec = new ServiceSpecs(project).spec(project.services().get("side"), 1, "sha256:1");
        assertThat(spec.networkMode()).isEqualTo("container:demo-web-1");
        assertThat(spec.networks()).isEmpty();
        assertThat(spec.extraHosts()).isEmpty();
    }

    @Test
    void networkModeIsPartOfTheConfigHashAndServicesWithoutItHashAsBefore() throws Exception {
        var host = load("services:\n  a: {image: x, network_mode: host}\n").services().get("a");
        var none = load("services:\n  a: {image: x, network_mode: none}\n").services().get("a");
        var plain = load("services:\n  a: {image: x, networks: {default: {aliases: [b]}}}\n").services().get("a");
        Map<String, String> hostParts = ServiceSpecs.parts(host, "sha256:1");
        Map<String, String> noneParts = ServiceSpecs.parts(none, "sha256:1");
        assertThat(hostParts.keySet()).contains("network_mode");
        assertThat(hostParts.entrySet().stream().filter(e -> !e.getValue().equals(noneParts.get(e.getKey())))
                .map(Map.Entry::getKey)).containsExactly("network_mode");
        Map<String, String> plainParts = ServiceSpecs.parts(plain, "sha256:1");
        assertThat(plainParts).doesNotContainKeys("network_mode", "mac_address");
        // a network with only aliases hashes as the alias list did before networks had settings: no recreation
        assertThat(plainParts.get("networks")).isEqualTo(sha256("{default=[b]}").substring(0, 8));
    }

    private static String sha256(String text) throws java.security.NoSuchAlgorithmException {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }
}
