package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The long port syntax's mode, name and app_protocol; the long volume syntax's bind, volume and tmpfs options. */
class MountAndPortOptionsTest {
    @TempDir
    Path dir;

    private ComposeProject load(String services) throws IOException {
        Path file = Files.writeString(dir.resolve("compose.yml"), "services:\n  web:\n    image: busybox\n" + services
                + "volumes:\n  data: {}\n");
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "x");
    }

    private List<Mount> mounts(String volumes) throws IOException {
        return load("    volumes:\n" + volumes).services().get("web").mounts();
    }

    @Test
    void longPortsAcceptModeNameAndAppProtocol() throws IOException {
        ComposeProject project = load("""
                    ports:
                      - {target: 80, published: "8080", mode: host, name: web, app_protocol: http}
                      - {target: 443, mode: ingress}
                """);
        assertThat(project.services().get("web").ports()).extracting(p -> p.containerPort() + ":" + p.hostPort())
                .containsExactly("80:8080", "443:0");
        assertThat(project.warnings()).isEmpty();
        assertThat(String.valueOf(ComposeConfig.of(project).get("services"))).contains(
                "{target=80, published=8080, protocol=tcp, name=web, app_protocol=http}, {target=443, protocol=tcp}");
    }

    @Test
    void anUnknownPortModeIsRefusedWithItsLine() {
        assertThatThrownBy(() -> load("    ports:\n      - {target: 80, mode: swarm}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("compose.yml:5: port mode 'swarm' is not host or ingress");
    }

    @Test
    void bindOptionsLongAndShort() throws IOException {
        Files.createDirectory(dir.resolve("conf"));
        List<Mount> mounts = mounts("""
                      - {type: bind, source: ./conf, target: /a, bind: {propagation: rshared, selinux: Z}, consistency: cached}
                      - ./conf:/b:ro,z
                      - ./conf:/c:rslave
                      - ./conf:/d:delegated
                """);
        assertThat(mounts).extracting(m -> m.target() + " " + m.readOnly() + " " + m.options().propagation() + " "
                + m.options().selinux()).containsExactly("/a false rshared Z", "/b true null z", "/c false rslave null",
                "/d false null null");
    }

    @Test
    void volumeAndTmpfsOptions() throws IOException {
        List<Mount> mounts = mounts("""
                      - {type: volume, source: data, target: /v, volume: {nocopy: true}}
                      - {type: tmpfs, target: /t, tmpfs: {size: 64m, mode: "1770"}}
                      - data:/w:nocopy
                """);
        assertThat(mounts.get(0).options().noCopy()).isTrue();
        assertThat(mounts.get(1).options().tmpfsSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(mounts.get(1).options().tmpfsMode()).isEqualTo(01770);
        assertThat(mounts.get(2).options().noCopy()).isTrue();
    }

    @Test
    void aMissingBindSourceIsAnErrorOnlyWithoutCreateHostPath() throws IOException {
        assertThat(mounts("      - {type: bind, source: ./later, target: /a}\n")).hasSize(1);
        assertThatThrownBy(() -> mounts("      - {type: bind, source: ./missing, target: /a, bind: {create_host_path: false}}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("compose.yml:5: bind source './missing' does not exist (looked at ")
                .hasMessageEndingWith("and bind.create_host_path is false: create it or drop the setting");
    }

    @Test
    void wrongOptionsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> mounts("      - {type: bind, source: /tmp, target: /a, bind: {propagation: sideways}}\n"))
                .hasMessage("compose.yml:5: bind propagation 'sideways' is not one of rprivate, private, rshared, shared, "
                        + "rslave, slave");
        assertThatThrownBy(() -> mounts("      - {type: volume, source: data, target: /a, bind: {propagation: rshared}}\n"))
                .hasMessage("compose.yml:5: 'bind:' options on a mount of type 'volume': use them with type: bind");
        assertThatThrownBy(() -> mounts("      - /tmp:/a:rw,sometimes\n"))
                .hasMessage("compose.yml:5: volume option 'sometimes' in '/tmp:/a:rw,sometimes' is not known: use ro, rw, "
                        + "z, Z, nocopy or a propagation such as rprivate");
        assertThatThrownBy(() -> mounts("      - {type: tmpfs, target: /t, tmpfs: {mode: \"999\"}}\n"))
                .hasMessage("compose.yml:5: tmpfs mode '999' is not an octal file mode such as 1777 or 0755");
    }

    @Test
    void configPrintsTheOptions() throws IOException {
        Map<String, Object> model = ComposeConfig.of(load("""
                    volumes:
                      - {type: volume, source: data, target: /v, volume: {nocopy: true}}
                      - {type: tmpfs, target: /t, tmpfs: {size: 1024}}
                """));
        assertThat(String.valueOf(model)).contains("volume={nocopy=true}").contains("tmpfs={size=1024}");
    }
}
