package io.capstan.stack.run;

import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Containers with a healthcheck made before start_interval existed keep their hash: up recreates none of them. */
class HealthCheckHashTest {
    @TempDir
    Path dir;

    private String healthcheckHash(String healthcheck) throws Exception {
        Path file = Files.writeString(dir.resolve("a.yml"), "services:\n  web:\n    image: x\n    healthcheck: " + healthcheck + "\n");
        ComposeProject project = new ComposeLoader(Map.of(), dir).load(List.of(file), "hash");
        return ServiceSpecs.parts(project.services().get("web"), "sha256:1").get("healthcheck");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHealthcheckWithoutStartIntervalHashesAsBefore() throws Exception {
        assertThat(healthcheckHash("{test: [CMD, 'true'], retries: 3}")).isEqualTo(sha256(
                "HealthCheck[test=[CMD, true], interval=null, timeout=null, retries=3, startPeriod=null]").substring(0, 8));
        assertThat(healthcheckHash("{test: [CMD, 'true'], retries: 3, start_interval: 1s}"))
                .isNotEqualTo(healthcheckHash("{test: [CMD, 'true'], retries: 3}"));
    }
}
