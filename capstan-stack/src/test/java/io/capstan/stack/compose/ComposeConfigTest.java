package io.capstan.stack.compose;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.stack.config.PortableYaml;
import io.capstan.core.secret.SecretNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan CONFIG config}'s model: the compose files resolved, in docker compose config's long forms. */
class ComposeConfigTest {
    @TempDir
    Path dir;

    private static final String COMPOSE = """
            services:
              web:
                image: ${IMAGE:-nginx}:1
                ports: ["127.0.0.1:8080:80", "9000-9001:9000-9001/udp"]
                volumes: [data:/var/lib/data, ./site:/srv:ro]
                environment:
                  API_TOKEN: ${API_TOKEN}
                  PLAIN: ${PLAIN}
                  DB_PASSWORD:
                  ROLE: 'NO'
                env_file: [web.env]
                depends_on: [db]
                healthcheck: {test: "curl -f localhost", interval: 1m30s, timeout: 500ms}
                restart: on-failure:3
                deploy: {replicas: 2, resources: {limits: {cpus: '0.5', memory: 256M}}}
              db:
                image: postgres
            volumes:
              data: {}
            """;

    private Map<String, Object> model(boolean masked) throws Exception {
        Files.writeString(dir.resolve("web.env"), "SESSION_SECRET=s-77\nFROM_FILE=file\n");
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE);
        ComposeLoader loader = new ComposeLoader(Map.of("API_TOKEN", "tok-123", "PLAIN", "plain", "DB_PASSWORD", "pw-9"), dir);
        if (masked) {
            loader = loader.maskingSecrets(new SecretNames(SecretNames.DEFAULT_PATTERNS));
        }
        return ComposeConfig.of(loader.load(List.of(file), "demo"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> map, String... keys) {
        Map<String, Object> current = map;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    @Test
    void shortFormsAreWrittenOutLongWithPathsAbsoluteAndVolumesByTheirKey() throws Exception {
        Map<String, Object> model = model(false);
        assertThat(model.get("name")).isEqualTo("demo");
        assertThat(at(model, "services").keySet()).containsExactly("db", "web");
        Map<String, Object> web = at(model, "services", "web");
        assertThat(web.get("image")).isEqualTo("nginx:1");
        assertThat(web.get("ports")).isEqualTo(List.of(
                Map.of("target", 80, "published", 8080, "host_ip", "127.0.0.1", "protocol", "tcp"),
                Map.of("target", 9000, "published", 9000, "protocol", "udp"),
                Map.of("target", 9001, "published", 9001, "protocol", "udp")));
        assertThat(web.get("volumes")).isEqualTo(List.of(
                Map.of("type", "volume", "source", "data", "target", "/var/lib/data"),
                Map.of("type", "bind", "source", dir.resolve("site").toString(), "target", "/srv", "read_only", true)));
        assertThat(web.get("depends_on")).isEqualTo(Map.of("db", Map.of("condition", "service_started")));
        assertThat(web.get("healthcheck")).isEqualTo(Map.of("test", List.of("CMD-SHELL", "curl -f localhost"),
                "interval", "1m30s", "timeout", "500ms"));
        assertThat(web.get("restart")).isEqualTo("on-failure:3");
        assertThat(web.get("deploy")).isEqualTo(Map.of("replicas", 2,
                "resources", Map.of("limits", Map.of("cpus", 0.5, "memory", 256L << 20))));
        assertThat(at(model, "volumes", "data")).containsEntry("name", "demo_data");
        assertThat(at(model, "services", "db")).doesNotContainKeys("ports", "volumes", "environment", "restart", "deploy");
    }

    @Test
    void secretVariablesStayReferencesWhenMaskedAndOnlyThen() throws Exception {
        assertThat(at(model(true), "services", "web", "environment")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "API_TOKEN", "${API_TOKEN}", "DB_PASSWORD", "${DB_PASSWORD}", "PLAIN", "plain", "ROLE", "NO",
                "SESSION_SECRET", "${SESSION_SECRET}", "FROM_FILE", "file"));
        assertThat(at(model(false), "services", "web", "environment")).containsEntry("API_TOKEN", "tok-123")
                .containsEntry("DB_PASSWORD", "pw-9").containsEntry("SESSION_SECRET", "s-77");
    }

    @Test
    void theYamlReadsBackToTheSameModel() throws Exception {
        Map<String, Object> model = model(true);
        Object read = new Load(LoadSettings.builder().build()).loadFromString(PortableYaml.writeCompose(model));
        ObjectMapper json = new ObjectMapper(); // compared as JSON text: the reader makes an int of a small long
        assertThat(json.writeValueAsString(read)).isEqualTo(json.writeValueAsString(model));
        assertThat(PortableYaml.writeCompose(model)).doesNotContain("&id", "*id").contains("ROLE: 'NO'");
    }
}
