package io.capstan.kernels.launch;

import io.capstan.core.error.CapstanException;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.kernels.spec.KernelSpec;
import io.capstan.kernels.spec.KernelSpecOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelContainerSpecTest {
    @TempDir
    Path temp;

    private ConnectionFile connection(String name, String transport) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, "{\"ip\": \"127.0.0.1\", \"transport\": \"" + transport + "\", \"shell_port\": 50001, "
                + "\"iopub_port\": 50002, \"stdin_port\": 50003, \"control_port\": 50004, \"hb_port\": 50005, "
                + "\"key\": \"secret\", \"signature_scheme\": \"hmac-sha256\", \"kernel_name\": \"docker_python\"}");
        return ConnectionFile.read(file);
    }

    private static KernelSpec spec(String network, List<String> authorised) {
        return new KernelSpecOptions(null, null, null, null, null, authorised, null, null, null, null, null, network)
                .resolve(KernelSpecOptions.NONE, Map.of());
    }

    @Test
    void theKernelRunsNamedAndLabelledAsTheSeedsWithItsPortsOnTheClientsAddress() throws IOException {
        ContainerSpec container = KernelContainerSpec.of(spec("lab", null), connection("kernel-abc-123.json", "tcp"),
                "alice", "abc-123");

        assertThat(container.name()).isEqualTo("alice-abc-123");
        assertThat(container.labels()).containsEntry("kernel_id", "abc-123").containsEntry("component", "kernel")
                .containsEntry("app", "capstan").containsEntry("io.capstan.owner", "true");
        assertThat(container.networks()).extracting(n -> n.network()).containsExactly("lab");
        assertThat(container.ports()).containsExactly(new PortMapping(50001, "tcp", "127.0.0.1", 50001),
                new PortMapping(50002, "tcp", "127.0.0.1", 50002), new PortMapping(50003, "tcp", "127.0.0.1", 50003),
                new PortMapping(50004, "tcp", "127.0.0.1", 50004), new PortMapping(50005, "tcp", "127.0.0.1", 50005));
        assertThat(container.command()).containsExactly("python3", "-m", "ipykernel_launcher",
                "--IPKernelApp.kernel_class=ipykernel.ipkernel.IPythonKernel", "-f", "/tmp/capstan-kernel-connection.json");
        assertThat(container.env().get("CAPSTAN_KERNEL_CONNECTION")).contains("\"ip\":\"0.0.0.0\"", "\"key\":\"secret\"");
        assertThat(container.env()).containsEntry("KERNEL_ID", "abc-123").containsEntry("KERNEL_USERNAME", "alice");
        assertThat(container.autoRemove()).as("the engine removes a kernel that exited, as docker run --rm").isTrue();
    }

    @Test
    void withoutANetworkTheEnginesDefaultIsUsedAndOddUserNamesMakeValidContainerNames() throws IOException {
        ContainerSpec container = KernelContainerSpec.of(spec("", null), connection("c.json", "tcp"), "_jo@corp", "1");
        assertThat(container.networks()).isEmpty();
        assertThat(container.name()).isEqualTo("k_jo_corp-1");
    }

    @Test
    void theKernelIdComesFromJupytersConnectionFileName() throws IOException {
        assertThat(connection("kernel-5d1c6a8e-5f7e.json", "tcp").kernelIdFromName()).isEqualTo("5d1c6a8e-5f7e");
        assertThat(connection("tmpx1y2.json", "tcp").kernelIdFromName()).isNull();
        assertThatThrownBy(() -> connection("ipc.json", "ipc")).isInstanceOf(CapstanException.class)
                .hasMessageEndingWith("transport 'ipc' cannot reach a container: expected tcp");
    }

    @Test
    void unauthorisedUsersAreRefusedFirstThenOnlyAuthorisedOnesAreLetIn() {
        assertThat(LaunchAuthorisation.allows(spec("", null), "alice")).isTrue();
        assertThat(LaunchAuthorisation.allows(spec("", null), "root")).isFalse();
        assertThat(LaunchAuthorisation.allows(spec("", List.of("bob", "root")), "root")).isFalse();
        assertThat(LaunchAuthorisation.allows(spec("", List.of("bob")), "alice")).isFalse();
        assertThat(LaunchAuthorisation.allows(spec("", List.of("bob")), "bob")).isTrue();
        assertThatThrownBy(() -> LaunchAuthorisation.check(spec("", null), "root"))
                .hasMessage("403 Forbidden: user root is not authorised to launch this kernel");
    }
}
