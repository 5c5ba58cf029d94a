package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Services with profiles run only when one of their profiles is active; the model leaves the others out. */
class ProfilesTest {
    private static final String COMPOSE = """
            services:
              app: {image: app}
              debug:
                image: tools
                profiles: [debug, all]
              metrics:
                image: prom
                profiles: [monitoring]
            """;

    @TempDir
    Path dir;

    private ComposeProject load(String compose, List<String> profiles, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("a.yml"), compose);
        return new ComposeLoader(env, dir).withProfiles(profiles).load(List.of(file), "profiles");
    }

    @Test
    void servicesWithoutProfilesAlwaysRunAndOthersOnlyWithOneOfTheirs() throws IOException {
        ComposeProject none = load(COMPOSE, List.of(), Map.of());
        assertThat(none.services()).containsOnlyKeys("app");
        assertThat(none.inactiveServices()).containsExactlyInAnyOrder("debug", "metrics");

        assertThat(load(COMPOSE, List.of("debug"), Map.of()).services()).containsOnlyKeys("app", "debug");
        assertThat(load(COMPOSE, List.of("all", "monitoring"), Map.of()).services()).containsOnlyKeys("app", "debug", "metrics");
        assertThat(load(COMPOSE, List.of("*"), Map.of()).services()).containsOnlyKeys("app", "debug", "metrics");
        assertThat(load(COMPOSE, List.of("debug"), Map.of()).services().get("debug").profiles()).containsExactly("debug", "all");
    }

    @Test
    void composeProfilesFromTheEnvironmentCountsWhenNoProfileIsGiven() throws IOException {
        Map<String, String> env = Map.of("COMPOSE_PROFILES", "monitoring, debug");
        assertThat(load(COMPOSE, List.of(), env).services()).containsOnlyKeys("app", "debug", "metrics");
        assertThat(load(COMPOSE, List.of("debug"), env).services()).containsOnlyKeys("app", "debug");
    }

    @Test
    void configPrintsOnlyActiveServicesWithTheirProfiles() throws IOException {
        Map<String, Object> model = ComposeConfig.of(load(COMPOSE, List.of("debug"), Map.of()));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) model.get("services");
        assertThat(services).containsOnlyKeys("app", "debug");
        assertThat(services.get("debug")).containsEntry("profiles", List.of("debug", "all"));
        assertThat(services.get("app")).doesNotContainKey("profiles");
    }

    @Test
    void dependingOnAServiceOfAnInactiveProfileIsAnErrorNamingBoth() throws IOException {
        String compose = COMPOSE + "  web:\n    image: web\n    depends_on: [app, debug]\n";
        assertThatThrownBy(() -> load(compose, List.of(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("a.yml:11: service 'web' depends on 'debug', which is not enabled by the active profiles "
                        + "('debug' has profiles debug, all; active: none): activate one with --profile or "
                        + "COMPOSE_PROFILES, or give 'web' and 'debug' a common profile");
        assertThat(load(compose, List.of("all"), Map.of()).services().get("web").dependsOn()).containsOnlyKeys("app", "debug");
    }

    @Test
    void anOptionalDependencyOnAnInactiveServiceIsDroppedWithAWarning() throws IOException {
        String compose = COMPOSE + "  web:\n    image: web\n    depends_on:\n      metrics: {condition: service_started, required: false}\n";
        ComposeProject project = load(compose, List.of("debug"), Map.of());
        assertThat(project.services().get("web").dependsOn()).isEmpty();
        assertThat(project.warnings()).containsExactly("a.yml:11: service 'web' depends on 'metrics', which is not "
                + "enabled by the active profiles ('metrics' has profiles monitoring; active: debug): ignored, as it is "
                + "marked required: false");
    }

    @Test
    void aProfileThatIsNotANameIsAnErrorWithFileAndLine() {
        assertThatThrownBy(() -> load("services:\n  app:\n    image: x\n    profiles: debug\n", List.of(), Map.of()))
                .hasMessageStartingWith("a.yml:4: profiles must be a list of names, found");
        assertThatThrownBy(() -> load("services:\n  app:\n    image: x\n    profiles: ['-x']\n", List.of(), Map.of()))
                .hasMessageStartingWith("a.yml:4: profile the string '-x' is not a profile name");
    }
}
