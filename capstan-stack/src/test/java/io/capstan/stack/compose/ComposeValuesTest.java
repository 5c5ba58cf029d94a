package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.PortMapping;
import io.capstan.stack.compose.ComposeProject.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values Compose accepts that Capstan once refused or misread, and the ones it refuses on purpose. */
class ComposeValuesTest {
    @TempDir
    Path dir;

    private ComposeProject load(String compose) throws IOException {
        return load(compose, Map.of());
    }

    private ComposeProject load(String compose, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("a.yml"), compose);
        return new ComposeLoader(env, dir).load(List.of(file), "values");
    }

    private ComposeProject.Service web(String serviceBody) throws IOException {
        return load("services:\n  web:\n    image: x\n" + serviceBody).services().get("web");
    }

    private static void refused(ThrowingLoad load, String message) {
        assertThatThrownBy(load::run).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    private interface ThrowingLoad {
        void run() throws Exception;
    }

    @Test
    void anEmptyHostAddressPublishesOnAllAddresses() throws IOException {
        var web = load("services:\n  web:\n    image: x\n    ports: [':443:443', '${HTTP_BIND:-}:80:80', '${HTTP_BIND:-}:90-91:90-91/udp']\n")
                .services().get("web");
        assertThat(web.ports()).containsExactly(PortMapping.tcp(443, 443), PortMapping.tcp(80, 80),
                new PortMapping(90, "udp", "", 90), new PortMapping(91, "udp", "", 91));
    }

    @Test
    void aPublishedRangeLetsTheEnginePickAFreeHostPortInIt() throws IOException {
        var web = web("    ports:\n      - {target: 80, published: '8080-8081'}\n      - {target: 81, published: 9090}\n      - '7000-7010:70'\n");
        assertThat(web.ports()).containsExactly(new PortMapping(80, "tcp", "", 8080, 8081), PortMapping.tcp(81, 9090),
                new PortMapping(70, "tcp", "", 7000, 7010));
        assertThat(web.ports().getFirst().hostPorts()).isEqualTo("8080-8081");
        assertThat(web.ports().getFirst()).hasToString("0.0.0.0:8080-8081->80/tcp");
    }

    @Test
    void badPublishedPortsAreOneLineErrorsWithFileAndLine() {
        refused(() -> web("    ports:\n      - {target: 80, published: 'eighty'}\n"),
                "a.yml:5: invalid published port 'eighty': expected a port or a range FIRST-LAST, such as 8080 or 8080-8081");
        refused(() -> web("    ports:\n      - {target: 80, published: '9000-8000'}\n"),
                "a.yml:5: invalid port '9000-8000': 9000-8000 is not a port range within 1-65535");
        refused(() -> web("    ports:\n      - {target: 80, published: '99999999999'}\n"),
                "a.yml:5: invalid port '99999999999': 99999999999 is not a port range within 1-65535");
    }

    @Test
    void exposeTakesPortsAndRangesAndRefusesAnythingElseWithFileAndLine() throws IOException {
        web("    expose: ['3000-3005', 4000, '53/udp', '6000-6001/tcp']\n");
        refused(() -> web("    expose:\n      - '3000-3005'\n      - 'http'\n"),
                "a.yml:6: invalid expose 'http': expected PORT, FIRST-LAST or either with /tcp, /udp or /sctp, "
                        + "ports within 1-65535, such as 3000 or 3000-3005/tcp");
        refused(() -> web("    expose: ['3005-3000']\n"),
                "a.yml:4: invalid expose '3005-3000': expected PORT, FIRST-LAST or either with /tcp, /udp or /sctp, "
                        + "ports within 1-65535, such as 3000 or 3000-3005/tcp");
    }

    @Test
    void aHealthcheckWithoutATestKeepsTheImagesTestWithItsTimings() throws IOException {
        assertThat(web("    healthcheck: {disable: false}\n").healthCheck()).isNull();
        HealthCheck timings = web("    healthcheck: {interval: 5s, retries: 2, start_interval: 1s}\n").healthCheck();
        assertThat(timings).isEqualTo(new HealthCheck(List.of(), Duration.ofSeconds(5), null, 2, null, Duration.ofSeconds(1)));
        assertThat(timings.keepsImageTest()).isTrue();
        assertThat(web("    healthcheck: {disable: true, test: [CMD, x]}\n").healthCheck().test()).containsExactly("NONE");
        assertThat(web("    healthcheck: {disable: false, test: [CMD, x], start_interval: 2s}\n").healthCheck())
                .isEqualTo(new HealthCheck(List.of("CMD", "x"), null, null, 0, null, Duration.ofSeconds(2)));
        refused(() -> web("    healthcheck: {start_interval: soon}\n"), "a.yml:4: invalid duration 'soon': expected a number with us, ms, s, m or h, such as 5s, 1.5s or 1m30s");
    }

    @Test
    void nameOnlyBuildArgsTakeTheirValueFromTheEnvironmentOrAreNotPassed() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Map<String, String> env = Map.of("FROMENV", "from-env", "EMPTY", "");
        var list = load("services:\n  web:\n    build: {context: app, args: [FROMENV, EMPTY, ABSENT, GIVEN=1]}\n", env)
                .services().get("web");
        assertThat(list.build().args()).containsExactly(Map.entry("FROMENV", "from-env"), Map.entry("EMPTY", ""),
                Map.entry("GIVEN", "1"));
        var map = load("services:\n  web:\n    build:\n      context: app\n      args:\n        FROMENV:\n        ABSENT:\n", env)
                .services().get("web");
        assertThat(map.build().args()).containsExactly(Map.entry("FROMENV", "from-env"));
    }

    @Test
    void imageAndNpipeVolumesAndRemoteBuildContextsAreRefusedWithFileAndLine() {
        refused(() -> web("    volumes:\n      - {type: image, source: other, target: /data}\n"),
                "a.yml:5: volume type 'image' is not supported: the engine API Capstan uses (1.41) cannot mount an image; "
                        + "copy what you need in a build, or use a volume");
        refused(() -> web("    volumes:\n      - {type: npipe, source: x, target: /pipe}\n"),
                "a.yml:5: volume type 'npipe' is not supported: named pipes are Windows engines' and Capstan runs Linux "
                        + "containers; use volume, bind or tmpfs");
        for (String context : List.of("https://github.com/example/app.git#main", "git@github.com:example/app.git",
                "github.com/example/app")) {
            refused(() -> load("services:\n  web:\n    build:\n      context: " + context + "\n"),
                    "a.yml:3: build context '" + context + "' is a git repository or URL, which is not supported: "
                            + "clone it and set build.context to its directory");
        }
    }

    @Test
    void containerNameWithSeveralReplicasIsRefused() throws IOException {
        assertThat(web("    container_name: solo\n    deploy: {replicas: 1}\n").containerName()).isEqualTo("solo");
        refused(() -> web("    container_name: solo\n    deploy: {replicas: 2}\n"),
                "a.yml:4: service 'web' sets container_name 'solo' and deploy.replicas 2, but container names are "
                        + "unique: drop container_name or run one replica");
    }

    @Test
    void anOptionalDependencyOnAMissingServiceIsIgnoredWithAWarning() throws IOException {
        ComposeProject project = load("""
                services:
                  db: {image: db}
                  web:
                    image: x
                    depends_on:
                      ghost: {condition: service_started, required: false}
                      db: {condition: service_healthy, restart: true, required: true}
                """);
        assertThat(project.services().get("web").dependsOn()).containsExactly(Map.entry("db", Condition.SERVICE_HEALTHY));
        assertThat(project.warnings()).containsExactly(
                "a.yml:6: service 'web' depends on 'ghost', which is not a service of this stack: ignored, as it is "
                        + "marked required: false",
                "a.yml:7: depends_on 'db' restart: true is accepted but not acted on: recreating 'db' does not restart "
                        + "its dependents");
        refused(() -> load("services:\n  web:\n    image: x\n    depends_on:\n      ghost: {required: true}\n"),
                "a.yml:4: service 'web' depends on 'ghost', which is not a service of this stack");
        refused(() -> load("services:\n  web:\n    image: x\n    depends_on:\n      ghost: {required: maybe}\n"),
                "a.yml:5: required must be true or false, found the string 'maybe'");
    }
}
