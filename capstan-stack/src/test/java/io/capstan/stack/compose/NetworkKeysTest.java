package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.Ipam;
import io.capstan.stack.compose.ComposeProject.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Top-level networks and volumes keys, a service's network settings and network_mode: reading, errors, config. */
class NetworkKeysTest {
    @TempDir
    Path dir;

    private static final String COMPOSE = """
            name: demo
            services:
              web:
                image: busybox
                mac_address: 02:42:ac:1c:05:0a
                networks:
                  front:
                    aliases: [www]
                    ipv4_address: 172.28.5.10
                    priority: 10
                  back:
                    link_local_ips: [169.254.8.8]
              side:
                image: busybox
                network_mode: service:web
              hosty:
                image: busybox
                network_mode: host
              lonely:
                image: busybox
                network_mode: none
            networks:
              front:
                driver: bridge
                driver_opts: {com.docker.network.bridge.enable_icc: "true"}
                ipam:
                  driver: default
                  config:
                    - subnet: 172.28.5.0/24
                      ip_range: 172.28.5.0/25
                      gateway: 172.28.5.254
                      aux_addresses: {router: 172.28.5.253}
                  options: {foo: bar}
                attachable: true
                internal: true
                labels: [tier=front]
              back: {}
              legacy:
                external: {name: the-real-one}
              named:
                external: true
                name: other-real-one
            volumes:
              data:
                driver_opts: {type: none, o: bind, device: ./data}
                labels: {a: b}
              old:
                external: {name: old-data}
              fixed:
                name: fixed-name
            """;

    private ComposeProject load(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("a.yml"), text);
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "x");
    }

    @Test
    void topLevelNetworkKeysAreRead() throws IOException {
        var front = load(COMPOSE).networks().get("front");
        assertThat(front.name()).isEqualTo("demo_front");
        assertThat(front.driverOpts()).containsExactly(Map.entry("com.docker.network.bridge.enable_icc", "true"));
        assertThat(front.ipam()).isEqualTo(new Ipam("default", List.of(new Ipam.Pool("172.28.5.0/24", "172.28.5.0/25",
                "172.28.5.254", Map.of("router", "172.28.5.253"))), Map.of("foo", "bar")));
        assertThat(front.attachable()).isTrue();
        assertThat(front.internal()).isTrue();
        assertThat(front.enableIpv6()).isFalse();
        assertThat(front.labels()).containsExactly(Map.entry("tier", "front"));
        assertThat(load(COMPOSE).networks().get("back").ipam()).isEqualTo(Ipam.DEFAULT);
    }

    @Test
    void externalNamesFollowComposeIncludingTheLegacyForm() throws IOException {
        var project = load(COMPOSE);
        assertThat(project.networks().get("legacy").name()).as("external: {name: X}").isEqualTo("the-real-one");
        assertThat(project.networks().get("legacy").external()).isTrue();
        assertThat(project.networks().get("named").name()).isEqualTo("other-real-one");
        assertThat(project.volumes().get("old").name()).isEqualTo("old-data");
        assertThat(project.volumes().get("old").external()).isTrue();
        assertThat(project.volumes().get("fixed").name()).isEqualTo("fixed-name");
    }

    @Test
    void volumeDriverOptionsAreReadAndABindDeviceIsAPathInTheProject() throws IOException {
        var data = load(COMPOSE).volumes().get("data");
        assertThat(data.driverOpts()).containsEntry("type", "none").containsEntry("o", "bind")
                .containsEntry("device", dir.resolve("data").toString());
        assertThat(data.labels()).containsExactly(Map.entry("a", "b"));
    }

    @Test
    void aServiceAsksForAddressesAndPrioritiesOnItsNetworks() throws IOException {
        var web = load(COMPOSE).services().get("web");
        assertThat(web.networks().get("front")).isEqualTo(new ComposeProject.ServiceNetwork(List.of("www"), "172.28.5.10",
                null, List.of(), null, 10));
        assertThat(web.networks().get("back").linkLocalIps()).containsExactly("169.254.8.8");
        assertThat(web.networksByPriority()).containsExactly("front", "back");
        assertThat(web.macAddress()).isEqualTo("02:42:ac:1c:05:0a");
        assertThat(web.networkMode()).isNull();
    }

    @Test
    void networkModeReplacesNetworksAndServiceModeDependsOnThatService() throws IOException {
        var project = load(COMPOSE);
        var side = project.services().get("side");
        assertThat(side.networkMode()).isEqualTo("service:web");
        assertThat(side.networks()).isEmpty();
        assertThat(side.dependsOn()).containsExactly(Map.entry("web", Condition.SERVICE_STARTED));
        assertThat(side.extraHosts()).as("the engine refuses extra hosts in another container's network stack").isEmpty();
        var hosty = project.services().get("hosty");
        assertThat(hosty.networkMode()).isEqualTo("host");
        assertThat(hosty.networks()).isEmpty();
        assertThat(hosty.extraHosts()).isNotEmpty();
        assertThat(project.services().get("lonely").networkMode()).isEqualTo("none");
    }

    @Test
    void aServiceWithoutNetworksJoinsTheDefaultOneUnlessItHasANetworkMode() throws IOException {
        var project = load("services:\n  a: {image: x, network_mode: host}\n");
        assertThat(project.networks()).isEmpty();
        project = load("services:\n  a: {image: x}\n");
        assertThat(project.networks()).containsOnlyKeys("default");
    }

    @Test
    void portsWithHostNetworkingAreAWarning() throws IOException {
        var project = load("services:\n  a:\n    image: x\n    network_mode: host\n    ports: ['8080:80']\n");
        assertThat(project.warnings()).containsExactly("a.yml:5: service 'a': ports are not published with network_mode "
                + "'host': the service's ports are the host's own");
    }

    @Test
    void unknownNetworkAndVolumeKeysAreWarningsWithFileAndLine() throws IOException {
        var project = load("""
                services:
                  a:
                    image: x
                    networks:
                      n: {ipv4_adress: 10.0.0.1}
                networks:
                  n:
                    enable_ipv4: true
                    ipam: {config: [{subnet: 10.0.0.0/24, range: x}]}
                volumes:
                  v: {drivers: local}
                """);
        assertThat(project.warnings()).containsExactlyInAnyOrder(
                "a.yml:8: network 'n': key 'enable_ipv4' is not supported and is ignored",
                "a.yml:9: ipam config: key 'range' is not supported and is ignored",
                "a.yml:11: volume 'v': key 'drivers' is not supported and is ignored",
                "a.yml:5: service 'a': network 'n': key 'ipv4_adress' is not supported and is ignored");
    }

    @Test
    void configPrintsTheNewKeysAsDockerComposeConfigDoes() throws IOException {
        Map<String, Object> model = ComposeConfig.of(load(COMPOSE));
        assertThat(at(model, "networks", "front")).containsEntry("attachable", true).containsEntry("internal", true)
                .containsEntry("driver_opts", Map.of("com.docker.network.bridge.enable_icc", "true"))
                .containsEntry("ipam", Map.of("driver", "default", "options", Map.of("foo", "bar"), "config",
                        List.of(Map.of("subnet", "172.28.5.0/24", "ip_range", "172.28.5.0/25", "gateway", "172.28.5.254",
                                "aux_addresses", Map.of("router", "172.28.5.253")))));
        assertThat(at(model, "networks", "legacy")).containsEntry("name", "the-real-one").containsEntry("external", true);
        assertThat(at(model, "services", "web", "networks", "front")).isEqualTo(Map.of("aliases", List.of("www"),
                "ipv4_address", "172.28.5.10", "priority", 10));
        assertThat(at(model, "services", "web")).containsEntry("mac_address", "02:42:ac:1c:05:0a");
        assertThat(at(model, "services", "side")).containsEntry("network_mode", "service:web").doesNotContainKey("networks");
        assertThat(at(model, "volumes", "data")).containsEntry("driver_opts",
                Map.of("type", "none", "o", "bind", "device", dir.resolve("data").toString()));
    }

    @Test
    void wrongNetworkSettingsAreOneLineWithFileAndLineBeforeAnythingIsCreated() throws IOException {
        String net = "networks:\n  net:\n    ipam:\n      config:\n        - subnet: 172.28.5.0/24\n";
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("    networks:\n      net:\n        ipv4_address: 172.20.0.2\n" + net,
                "a.yml:6: service 'web': ipv4_address 172.20.0.2 is outside network 'net' (subnet 172.28.5.0/24): pick an address inside it");
        cases.put("    networks:\n      net:\n        ipv4_address: 172.28.5.300\n" + net,
                "a.yml:6: '172.28.5.300' is not an IP address");
        cases.put("    networks:\n      net:\n        ipv4_address: 10.0.0.2\nnetworks:\n  net: {}\n",
                "a.yml:6: service 'web': ipv4_address 10.0.0.2 needs a subnet of its kind on network 'net': set one under "
                        + "networks.net.ipam.config (the engine gives fixed addresses only on configured subnets)");
        cases.put("    networks:\n      net:\n        ipv6_address: 2001:db8::5\n" + net,
                "a.yml:6: service 'web': ipv6_address 2001:db8::5 needs IPv6 on network 'net': set networks.net.enable_ipv6: true");
        cases.put("    network_mode: host\n    networks: [net]\n" + net,
                "a.yml:5: service 'web': network_mode and networks cannot be combined: drop one of them");
        cases.put("    network_mode: service:ghost\n",
                "a.yml:4: service 'web': network_mode 'service:ghost' names 'ghost', which is not a service of this stack");
        cases.put("    network_mode: 'container:'\n",
                "a.yml:4: service 'web': network_mode 'container:' is not one of host, none, bridge, service:NAME, container:NAME or a network's name");
        cases.put("    network_mode: container:db\n    ports: ['80:80']\n",
                "a.yml:5: service 'web': ports cannot be set with network_mode 'container:db': the container uses db's network stack, set it there");
        cases.put("    network_mode: host\n    mac_address: 02:42:ac:11:00:02\n",
                "a.yml:5: service 'web': mac_address cannot be set with network_mode 'host': the container uses the host's network stack");
        cases.put("    mac_address: 02:42:zz\n",
                "a.yml:4: mac_address '02:42:zz' is not a MAC address: expected six hex pairs such as 02:42:ac:11:00:02");
        cases.put("    networks: [net]\nnetworks:\n  net:\n    ipam:\n      config:\n        - subnet: 172.28.5/24\n",
                "a.yml:9: subnet '172.28.5/24': '172.28.5' is not an IP address");
        cases.put("    networks: [net]\nnetworks:\n  net:\n    ipam:\n      config:\n        - subnet: 172.28.5.0/24\n          gateway: 172.28.6.1\n",
                "a.yml:10: gateway 172.28.6.1 is outside subnet 172.28.5.0/24");
        cases.put("    networks:\n      a: {}\n      b: {mac_address: '02:42:ac:11:00:02'}\nnetworks: {a: {}, b: {}}\n",
                "a.yml:6: service 'web': mac_address on network 'b': the engine sets a MAC address on the primary network "
                        + "only, here 'a' (highest priority, then first by name)");
        cases.put("volumes:\n  v:\n    external: true\n    driver_opts: {o: bind}\n",
                "a.yml:7: volume 'v' is external, so 'driver_opts' cannot be set: Capstan uses it as it is (only name may be given)");
        cases.put("networks:\n  n:\n    external: {name: a}\n    name: b\n",
                "a.yml:6: network 'n': external.name 'a' and name 'b' differ: keep only name");
        for (var c : cases.entrySet()) {
            String text = "services:\n  web:\n    image: x\n" + c.getKey();
            assertThatThrownBy(() -> load(text)).as(c.getKey()).isInstanceOf(ConfigException.class).hasMessage(c.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> map, String... keys) {
        Map<String, Object> current = map;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }
}
