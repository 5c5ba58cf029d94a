package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.stack.StackGenerator;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network and volume keys and network_mode, brought up by Capstan and then by Debian's docker-compose (v1) from
 * the same generated files, one after the other (they share a subnet), and compared as the engine reports them.
 */
class NetworkKeysParityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBNET = "172.28.197.0/24";

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String ours = "net18parity-" + suffix;
    private final String theirs = "net18compose-" + suffix;

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void writeStack() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + ours + "\ndeployed_services: [box]\n"
                + "framework:\n  services:\n    box: {path: ./services/box}\n");
        Files.createDirectories(dir.resolve("services/box"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), """
                networks:
                  net:
                    driver_opts:
                      com.docker.network.bridge.enable_icc: "true"
                    ipam:
                      config:
                        - subnet: %s
                          ip_range: 172.28.197.0/25
                          gateway: 172.28.197.254
                          aux_addresses: {reserved: 172.28.197.253}
                    attachable: true
                    labels: {tier: parity}
                  inner:
                    internal: true
                  six:
                    enable_ipv6: true
                    ipam:
                      config:
                        - subnet: 172.28.198.0/24
                        - subnet: fd18:197::/64
                volumes:
                  data:
                    labels: {kept: "yes"}
                    driver_opts: {type: tmpfs, device: tmpfs, o: "size=1m"}
                """.formatted(SUBNET));
        Files.writeString(dir.resolve("services/box/docker-compose.yml.j2"), """
                services:
                  box:
                    image: %1$s
                    command: [sleep, "3600"]
                    mac_address: 02:42:ac:1c:c5:0a
                    networks:
                      net:
                        ipv4_address: 172.28.197.10
                        aliases: [boxy]
                        link_local_ips: [169.254.8.8]
                        priority: 5
                      inner: {}
                      six:
                        ipv6_address: fd18:197::10
                    volumes: [data:/data]
                  side:
                    image: %1$s
                    command: [sleep, "3600"]
                    network_mode: service:box
                  hosty:
                    image: %1$s
                    command: [sleep, "3600"]
                    network_mode: host
                  lonely:
                    image: %1$s
                    command: [sleep, "3600"]
                    network_mode: none
                  bridged:
                    image: %1$s
                    command: [sleep, "3600"]
                    network_mode: bridge
                """.formatted(TestImages.BUSYBOX));
    }

    @AfterEach
    void takeEverythingDown() throws Exception {
        cli.run(config.toString(), "down", "-t", "0", "-v");
        compose("down", "-t", "0", "-v");
    }

    @Test
    void capstanCreatesWhatDockerComposeCreates() throws Exception {
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        Map<String, Object> capstan = facts(ours);
        var down = cli.run(config.toString(), "down", "-t", "0", "-v");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertGone(ours);

        assertThat(compose("up", "-d")).isZero();
        Map<String, Object> compose = facts(theirs);
        assertThat(compose("down", "-t", "0", "-v")).isZero();
        assertGone(theirs);

        // docker-compose v1 makes every network attachable; Capstan, as Compose v2, only those that ask
        for (String network : List.of("inner", "six")) {
            assertThat(capstan.remove(network + ".Attachable")).as(network).isEqualTo(false);
            assertThat(compose.remove(network + ".Attachable")).as(network).isEqualTo(true);
        }
        assertThat(capstan).isEqualTo(compose);
        assertThat(capstan).containsEntry("box.net.IPAddress", "172.28.197.10")
                .containsEntry("box.six.GlobalIPv6Address", "fd18:197::10").containsEntry("six.EnableIPv6", true)
                .containsEntry("net.Internal", false).containsEntry("inner.Internal", true)
                .containsEntry("net.Attachable", true).containsEntry("box.NetworkMode", "PROJECT_net")
                .containsEntry("box.net.MacAddress", "02:42:ac:1c:c5:0a")
                .containsEntry("side.NetworkMode", "container of box").containsEntry("hosty.NetworkMode", "host")
                .containsEntry("lonely.NetworkMode", "none").containsEntry("bridged.NetworkMode", "bridge")
                .containsEntry("net.Options", Map.of("com.docker.network.bridge.enable_icc", "true"))
                .containsEntry("data.Options", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"));
        assertThat(capstan.get("net.IPAM").toString()).contains("Subnet=" + SUBNET, "IPRange=172.28.197.0/25",
                "Gateway=172.28.197.254", "reserved=172.28.197.253");
    }

    @Test
    void configPrintsTheNetworkKeysAsDockerComposeConfigDoes() throws Exception {
        var printed = cli.run(config.toString(), "config");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        List<Path> files = new StackGenerator(System.getenv(), false).generate(config).composeFiles();
        List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", theirs));
        files.forEach(f -> argv.addAll(List.of("-f", f.toString())));
        argv.add("config");
        Map<String, Object> theirConfig = ComposeConfigParityIT.yaml(run(argv));
        Map<String, Object> ourConfig = ComposeConfigParityIT.yaml(printed.out());
        // the project name is part of the engine's names: the same on both sides but for it
        ourConfig.put("networks", ComposeConfigParityIT.yaml(JSON.writeValueAsString(ourConfig.get("networks")).replace(ours, theirs)));
        ourConfig.put("volumes", ComposeConfigParityIT.yaml(JSON.writeValueAsString(ourConfig.get("volumes")).replace(ours, theirs)));

        for (Map<String, Object> model : List.of(ourConfig, theirConfig)) {
            ((Map<?, ?>) ((Map<?, ?>) model.get("services")).get("box")).remove("volumes"); // written long by Capstan, as v2 does
        }
        List<String> compared = new ArrayList<>();
        ComposeConfigParityIT.compareCommonFields("", ourConfig, theirConfig, compared);
        assertThat(compared).contains(".networks.net.ipam.config[0].subnet", ".networks.net.ipam.config[0].ip_range",
                ".networks.net.ipam.config[0].gateway", ".networks.net.ipam.config[0].aux_addresses.reserved",
                ".networks.net.driver_opts.com.docker.network.bridge.enable_icc", ".networks.net.attachable",
                ".networks.net.labels.tier", ".networks.inner.internal", ".networks.six.enable_ipv6",
                ".volumes.data.driver_opts.o", ".volumes.data.labels.kept",
                ".services.box.mac_address", ".services.box.networks.net.ipv4_address",
                ".services.box.networks.net.link_local_ips[0]", ".services.box.networks.net.priority",
                ".services.box.networks.six.ipv6_address", ".services.side.network_mode", ".services.hosty.network_mode");
    }

    /** What the engine says about the stack's networks, volume and containers, with the project name taken out. */
    private Map<String, Object> facts(String project) throws Exception {
        Map<String, Object> facts = new TreeMap<>();
        for (String key : List.of("net", "inner", "six")) {
            JsonNode n = docker("network", "inspect", project + "_" + key).get(0);
            Map<String, Object> ipam = JSON.convertValue(n.get("IPAM"), Map.class);
            if (ipam.get("Options") == null) {
                ipam.put("Options", Map.of()); // docker-compose sends none, Capstan an empty set: the same to the engine
            }
            facts.put(key + ".IPAM", key.equals("inner") ? "chosen by the engine" : ipam);
            for (String field : List.of("Driver", "Internal", "Attachable", "EnableIPv6")) {
                facts.put(key + "." + field, JSON.convertValue(n.get(field), Object.class));
            }
            facts.put(key + ".Options", JSON.convertValue(n.get("Options"), Map.class));
            facts.put(key + ".label.tier", n.path("Labels").path("tier").asText(null));
        }
        JsonNode volume = docker("volume", "inspect", project + "_data").get(0);
        facts.put("data.Options", JSON.convertValue(volume.get("Options"), Map.class));
        facts.put("data.label.kept", volume.path("Labels").path("kept").asText(null));
        for (String service : List.of("box", "side", "hosty", "lonely", "bridged")) {
            JsonNode c = docker("inspect", container(project, service)).get(0);
            String mode = c.path("HostConfig").path("NetworkMode").asText();
            if (mode.startsWith("container:")) {
                JsonNode target = docker("inspect", mode.substring("container:".length())).get(0);
                mode = "container of " + target.path("Config").path("Labels").path("com.docker.compose.service").asText();
            }
            facts.put(service + ".NetworkMode", mode.replace(project, "PROJECT"));
            facts.put(service + ".running", c.path("State").path("Running").asBoolean());
            c.path("NetworkSettings").path("Networks").fields().forEachRemaining(e -> {
                String net = e.getKey().replace(project + "_", "");
                JsonNode endpoint = e.getValue();
                facts.put(service + "." + net + ".IPAMConfig", JSON.convertValue(endpoint.get("IPAMConfig"), Object.class));
                if (net.equals("net")) {
                    facts.put(service + "." + net + ".IPAddress", endpoint.path("IPAddress").asText());
                }
                if (net.equals("six")) {
                    facts.put(service + "." + net + ".GlobalIPv6Address", endpoint.path("GlobalIPv6Address").asText());
                }
                if (service.equals("box") && net.equals("net")) { // elsewhere the engine makes one up
                    facts.put(service + "." + net + ".MacAddress", endpoint.path("MacAddress").asText());
                }
                facts.put(service + "." + net + ".alias boxy", endpoint.path("Aliases").toString().contains("\"boxy\""));
            });
        }
        return facts;
    }

    private String container(String project, String service) throws Exception {
        String id = run(List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service)).strip();
        assertThat(id).as("the container of %s in %s", service, project).isNotEmpty().doesNotContain("\n");
        return id;
    }

    private void assertGone(String project) throws Exception {
        assertThat(run(List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project))).isBlank();
        assertThat(run(List.of("docker", "network", "ls", "-q", "--filter", "name=" + project + "_"))).isBlank();
        assertThat(run(List.of("docker", "volume", "ls", "-q", "--filter", "name=" + project + "_"))).isBlank();
    }

    private JsonNode docker(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        return JSON.readTree(run(argv));
    }

    /** docker-compose on the files Capstan generated, under a project name of its own. */
    private int compose(String... args) throws Exception {
        List<Path> files = new StackGenerator(System.getenv(), false).generate(config).composeFiles();
        List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", theirs));
        files.forEach(f -> argv.addAll(List.of("-f", f.toString())));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (code != 0) {
            System.err.println(String.join(" ", argv) + ":\n" + output);
        }
        return code;
    }

    private static String run(List<String> argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", argv)).isZero();
        return output;
    }
}
