package io.capstan.stack.compose;

import io.capstan.core.secret.SecretNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code extends} (in the same file and from another file) and a {@code file:} secret, resolved by Capstan and by
 * Debian's {@code docker-compose config} (1.29) from the same files: the resolved services and secrets agree.
 */
class ExtendsParityIT {
    @TempDir
    Path dir;

    @Test
    void extendedServicesAndSecretsResolveAsDockerComposeResolvesThem() throws Exception {
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(dir.resolve("common/common.yml"), """
                services:
                  app:
                    image: app:1
                    command: [run, base]
                    environment: {A: "1", B: "2"}
                    volumes: [./data:/data]
                    labels: [tier=back]
                """);
        Files.writeString(dir.resolve("pw.txt"), "pw");
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  web:
                    extends: {file: common/common.yml, service: app}
                    command: [run, web]
                    environment: [B=3]
                    volumes: [./logs:/logs]
                    secrets: [db_password]
                  worker:
                    extends: {service: web}
                    user: nobody
                secrets:
                  db_password:
                    file: ./pw.txt
                """);
        Map<String, Object> ours = ComposeConfig.of(new ComposeLoader(Map.of(), dir).maskingSecrets(SecretNames.NONE)
                .load(List.of(file), "p"));
        Process process = new ProcessBuilder("docker-compose", "-f", file.toString(), "config")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(text).isZero();
        Map<String, Object> theirs = map(new Load(LoadSettings.builder().build()).loadFromString(text));

        for (String service : List.of("web", "worker")) {
            Map<String, Object> a = map(map(ours.get("services")).get(service));
            Map<String, Object> b = map(map(theirs.get("services")).get(service));
            for (String key : List.of("image", "command", "environment", "labels", "user")) {
                assertThat(String.valueOf(a.get(key))).as(service + "." + key).isEqualTo(String.valueOf(b.get(key)));
            }
            assertThat(((List<?>) a.get("volumes")).stream().map(v -> map(v).get("source") + ":" + map(v).get("target") + ":rw"))
                    .as(service + ".volumes").containsExactlyElementsOf(((List<?>) b.get("volumes")).stream().map(String::valueOf).toList());
            assertThat(((List<?>) a.get("secrets")).stream().map(s -> map(s).get("source")).toList())
                    .as(service + ".secrets").isEqualTo(((List<?>) b.get("secrets")).stream().map(s -> map(s).get("source")).toList());
        }
        assertThat(map(map(map(ours.get("secrets")).get("db_password"))).get("file"))
                .isEqualTo(map(map(theirs.get("secrets")).get("db_password")).get("file"))
                .isEqualTo(dir.resolve("pw.txt").toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
