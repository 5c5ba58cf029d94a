package io.capstan.kernels.spec;

import io.capstan.core.error.CapstanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelSpecOptionsTest {
    private static KernelSpecOptions only(String imageName, String language) {
        return new KernelSpecOptions(null, imageName, null, null, language, null, null, null, null, null, null, null);
    }

    @Test
    void defaultsAreTheSeeds() {
        KernelSpec spec = KernelSpecOptions.NONE.resolve(KernelSpecOptions.NONE, Map.of());
        assertThat(spec.name()).isEqualTo("docker_python");
        assertThat(spec.displayName()).isEqualTo("Docker Python");
        assertThat(spec.image()).isEqualTo("capstan-kernel-python:latest");
        assertThat(spec.unauthorizedUsers()).containsExactly("root");
        assertThat(spec.authorizedUsers()).isEmpty();
        assertThat(spec.portRange().enabled()).isFalse();
        assertThat(spec.launchTimeout()).isEqualTo(30);
        assertThat(spec.logLevel()).isEqualTo(30);
    }

    @Test
    void theEnvironmentFillsWhatTheCommandLineDoesNotSay() {
        var env = Map.of("GP_IMAGE_NAME", "gp:1", "GP_AUTHORIZED_USERS", "alice, bob", "GP_UNAUTHORIZED_USERS",
                "mallory", "GP_PORT_RANGE", "40000..40100", "GP_LAUNCH_TIMEOUT", "45");
        KernelSpec spec = KernelSpecOptions.NONE.resolve(KernelSpecOptions.NONE, env);
        assertThat(spec.image()).isEqualTo("gp:1");
        assertThat(spec.authorizedUsers()).containsExactly("alice", "bob");
        assertThat(spec.unauthorizedUsers()).containsExactly("mallory");
        assertThat(spec.portRange()).isEqualTo(new PortRange(40000, 40100));
        assertThat(spec.launchTimeout()).isEqualTo(45);

        assertThat(KernelSpecOptions.NONE.resolve(KernelSpecOptions.NONE,
                Map.of("GP_IMAGE_NAME", "gp:1", "CAPSTAN_IMAGE_NAME", "cap:2")).image()).isEqualTo("cap:2");
        assertThat(only("cli:3", null).resolve(KernelSpecOptions.NONE, Map.of("CAPSTAN_IMAGE_NAME", "cap:2")).image())
                .isEqualTo("cli:3");
    }

    @Test
    void otherLanguagesNameTheirImageAndGetTheirOwnDefaultsAndCommand() {
        assertThatThrownBy(() -> only(null, "R").resolve(KernelSpecOptions.NONE, Map.of()))
                .isInstanceOf(CapstanException.class)
                .hasMessage("--language R needs --image-name: Capstan builds only the Python kernel image");
        KernelSpec r = only("foo/r:4", "r").resolve(KernelSpecOptions.NONE, Map.of());
        assertThat(r.name()).isEqualTo("docker_r");
        assertThat(r.displayName()).isEqualTo("Docker R");
        assertThat(r.containerCommand("/tmp/c.json")).containsExactly("R", "--slave", "-e", "IRkernel::main()",
                "--args", "/tmp/c.json");
        assertThatThrownBy(() -> only(null, "Cobol").resolve(KernelSpecOptions.NONE, Map.of()))
                .hasMessage("invalid language 'Cobol': expected one of Python, R or Scala");
    }

    @Test
    void swarmModeHasItsOwnDefaultNamesAndKeepsGivenOnes() {
        var swarm = new KernelSpecOptions(true, null, null, null, null, null, null, null, null, null, null, null);
        KernelSpec spec = swarm.resolve(KernelSpecOptions.NONE, Map.of());
        assertThat(spec.mode()).isEqualTo(KernelMode.SWARM);
        assertThat(spec.name()).isEqualTo("docker_swarm_python");
        assertThat(spec.displayName()).isEqualTo("Docker Swarm Python");

        var named = new KernelSpecOptions(true, "foo/r:4", "python_swarm", "Mine", "R", null, null, null, null, null,
                null, null);
        KernelSpec r = named.resolve(KernelSpecOptions.NONE, Map.of());
        assertThat(r.name()).isEqualTo("python_swarm");
        assertThat(r.displayName()).isEqualTo("Mine");
        assertThat(new KernelSpecOptions(true, "foo/r:4", null, null, "R", null, null, null, null, null, null, null)
                .resolve(KernelSpecOptions.NONE, Map.of()).name()).isEqualTo("docker_swarm_r");
        assertThat(KernelSpecOptions.NONE.resolve(KernelSpecOptions.NONE, Map.of()).mode())
                .isEqualTo(KernelMode.CONTAINER);
    }

    @Test
    void badValuesSayWhatIsExpected() {
        var range = new KernelSpecOptions(null, null, null, null, null, null, null, "40000-40100", null, null, null, null);
        assertThatThrownBy(() -> range.resolve(KernelSpecOptions.NONE, Map.of()))
                .hasMessage("invalid port range '40000-40100': expected LO..HI, such as 40000..40999 (0..0 for none)");
        assertThatThrownBy(() -> PortRange.parse("40000..40002"))
                .hasMessage("invalid port range '40000..40002': a kernel needs 5 ports, the range has 3");
        assertThatThrownBy(() -> KernelSpecOptions.logLevel("LOUD")).hasMessageContaining("invalid log level 'LOUD'");
        var name = new KernelSpecOptions(null, null, "my kernel", null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> name.resolve(KernelSpecOptions.NONE, Map.of()))
                .hasMessage("invalid kernel name 'my kernel': use letters, digits, '.', '_' and '-'");
    }

    @Test
    void aConfigFileFillsTheGapsAndTheCommandLineWins(@TempDir Path temp) throws IOException {
        Path config = temp.resolve("spec.json");
        Files.writeString(config, "{\"image_name\": \"file:1\", \"authorized-users\": [\"carol\"], \"launch_timeout\": 9}");
        KernelSpec spec = only("cli:1", null).resolve(KernelSpecConfigFile.read(config), Map.of("GP_LAUNCH_TIMEOUT", "45"));
        assertThat(spec.image()).isEqualTo("cli:1");
        assertThat(spec.authorizedUsers()).containsExactly("carol");
        assertThat(spec.launchTimeout()).isEqualTo(9);

        Files.writeString(config, "{\"imagename\": \"x\"}");
        assertThatThrownBy(() -> KernelSpecConfigFile.read(config))
                .hasMessageStartingWith(config + ": unknown key 'imagename': expected one of authorized_users,");
    }
}
