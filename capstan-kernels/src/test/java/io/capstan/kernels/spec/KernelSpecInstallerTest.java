package io.capstan.kernels.spec;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelSpecInstallerTest {
    private static final Path LAUNCHER = Path.of("/opt/capstan/capstan");
    @TempDir
    Path temp;

    private final KernelSpecInstaller installer = new KernelSpecInstaller(LAUNCHER);

    private static KernelSpec defaults() {
        return KernelSpecOptions.NONE.resolve(KernelSpecOptions.NONE, Map.of());
    }

    @Test
    void writesTheSeedsLayoutWithArgvRunningCapstansLauncher() throws IOException {
        Path kernels = temp.resolve("share/jupyter/kernels");
        Path dir = installer.install(defaults(), kernels);

        assertThat(dir).isEqualTo(kernels.resolve("docker_python"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("kernel.json", "logo-64x64.png");
        }
        assertThat(Files.readString(dir.resolve("kernel.json"))).isEqualTo("""
                {
                  "argv": [
                    "/opt/capstan/capstan",
                    "kernel",
                    "launch",
                    "--connection-file",
                    "{connection_file}",
                    "--spec-dir",
                    "%s"
                  ],
                  "display_name": "Docker Python",
                  "env": {},
                  "interrupt_mode": "signal",
                  "language": "python",
                  "metadata": {
                    "capstan": {
                      "authorized_users": [],
                      "image_name": "capstan-kernel-python:latest",
                      "ipykernel_subclass_name": "ipykernel.ipkernel.IPythonKernel",
                      "kernel_argv": [
                        "python3",
                        "-m",
                        "ipykernel_launcher",
                        "--IPKernelApp.kernel_class=ipykernel.ipkernel.IPythonKernel",
                        "-f",
                        "{connection_file}"
                      ],
                      "launch_timeout": 30,
                      "log_level": 30,
                      "mode": "container",
                      "network": "",
                      "port_range": "0..0",
                      "unauthorized_users": [
                        "root"
                      ]
                    }
                  }
                }
                """.formatted(dir));
        byte[] logo = Files.readAllBytes(dir.resolve("logo-64x64.png"));
        assertThat(new String(logo, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void displayNamesWithQuotesBackslashesAndUnicodeAreEscapedAndReadBackUnchanged() throws IOException {
        String name = "Ünïcode \"quoted\" \\ back\tslash — 数据 🐍";
        var options = new KernelSpecOptions(null, null, "odd", name, null, null, null, null, null, null, null, null);
        Path dir = installer.install(options.resolve(KernelSpecOptions.NONE, Map.of()), temp);

        String json = Files.readString(dir.resolve("kernel.json"));
        assertThat(json).contains("\"display_name\": \"\\u00DCn\\u00EFcode \\\"quoted\\\" \\\\ back\\tslash "
                + "\\u2014 \\u6570\\u636E \\uD83D\\uDC0D\"");
        assertThat(json).isASCII();
        assertThat(KernelJson.read(dir.resolve("kernel.json")).displayName()).isEqualTo(name);
    }

    @Test
    void theSameKernelspecIsTheSameBytesAndUsersAreSorted() throws IOException {
        var options = new KernelSpecOptions(null, "img:1", "k", null, null, List.of("zoe", "alice", "bob"),
                List.of("root", "admin"), "40000..40999", 12, null, "INFO", "lab");
        Path first = installer.install(options.resolve(KernelSpecOptions.NONE, Map.of()), temp.resolve("a"));
        Path second = installer.install(options.resolve(KernelSpecOptions.NONE, Map.of()), temp.resolve("a"));

        String json = Files.readString(second.resolve("kernel.json"));
        assertThat(first).isEqualTo(second);
        assertThat(json).contains("      \"authorized_users\": [\n        \"alice\",\n        \"bob\",\n"
                + "        \"zoe\"\n      ],").contains("\"network\": \"lab\"", "\"port_range\": \"40000..40999\"",
                "\"launch_timeout\": 12", "\"log_level\": 20", "\"image_name\": \"img:1\"");
        var read = KernelJson.read(second.resolve("kernel.json"));
        assertThat(read.unauthorizedUsers()).containsExactly("admin", "root");
        assertThat(read.portRange()).isEqualTo(new PortRange(40000, 40999));
    }

    @Test
    void listsAndRemovesOnlyCapstansKernelspecs() throws IOException {
        installer.install(defaults(), temp);
        Path foreign = Files.createDirectories(temp.resolve("python3"));
        Files.writeString(foreign.resolve("kernel.json"), "{\"argv\": [\"python3\"], \"display_name\": \"Python 3\"}");

        assertThat(KernelSpecInstaller.list(List.of(temp))).extracting(s -> s.spec().name()).containsExactly("docker_python");
        assertThatThrownBy(() -> KernelSpecInstaller.remove("python3", List.of(temp)))
                .isInstanceOf(CapstanException.class).hasMessageContaining("is not Capstan's");
        assertThat(foreign.resolve("kernel.json")).exists();

        assertThat(KernelSpecInstaller.remove("docker_python", List.of(temp))).isEqualTo(temp.resolve("docker_python"));
        assertThat(temp.resolve("docker_python")).doesNotExist();
        assertThatThrownBy(() -> KernelSpecInstaller.remove("docker_python", List.of(temp)))
                .isInstanceOf(NotFoundException.class).hasMessage("no kernelspec 'docker_python' in " + temp);
    }

    @Test
    void doesNotOverwriteAKernelspecThatIsNotCapstans() throws IOException {
        Path foreign = Files.createDirectories(temp.resolve("docker_python"));
        Files.writeString(foreign.resolve("kernel.json"), "{\"argv\": [\"python3\"]}");

        assertThatThrownBy(() -> installer.install(defaults(), temp)).isInstanceOf(CapstanException.class)
                .hasMessageContaining("exists and is not Capstan's");
        assertThat(Files.readString(foreign.resolve("kernel.json"))).isEqualTo("{\"argv\": [\"python3\"]}");
    }
}
