package io.capstan.stack.run;

import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config hash labels of a known service, as every earlier Capstan wrote them: a different value for an unchanged
 * service would recreate every running stack container on upgrade.
 */
class ConfigHashPinTest {
    @TempDir
    Path dir;

    @Test
    void anUnchangedServiceKeepsTheHashLabelsItWasCreatedWith() throws Exception {
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  web:
                    image: capstan-busybox:test
                    command: [httpd, -f, -p, "8080"]
                    environment: {GREETING: hello, MODE: test}
                    ports: ["18080:8080"]
                    volumes: [data:/data]
                    healthcheck: {test: [CMD, "true"], interval: 5s, retries: 3}
                    restart: unless-stopped
                    labels: {tier: front}
                    user: "1000"
                    working_dir: /data
                    cap_add: [NET_ADMIN]
                volumes:
                  data: {}
                """);
        ComposeProject project = new ComposeLoader(Map.of(), dir).load(List.of(file), "pin");
        ContainerSpec spec = new ServiceSpecs(project).spec(project.services().get("web"), 1, "sha256:0123456789abcdef");

        assertThat(spec.labels()).containsEntry(Labels.CONFIG_HASH, "918ecaa101960ae1")
                .containsEntry(StackLabels.CONFIG_KEYS, "cap_add=b280f88c,command=f7f58ce7,container_name=74234e98,"
                        + "entrypoint=74234e98,environment=7d3ea523,extra_hosts=d37e11df,healthcheck=8ffdb467,"
                        + "hostname=74234e98,image=79ab719c,labels=0076abbd,networks=85aae6d1,ports=d228af9f,"
                        + "resources=f121ed57,restart=b082994c,user=40510175,volumes=2e8c09cb,working_dir=bd47413b");
    }
}
