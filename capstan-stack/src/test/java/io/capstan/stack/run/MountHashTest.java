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

/**
 * Containers made before mounts had options and services had hooks keep their hash: up recreates none of them;
 * setting either recreates.
 */
class MountHashTest {
    @TempDir
    Path dir;

    private String volumesHash(String volume) throws Exception {
        Path file = Files.writeString(dir.resolve("a.yml"), "services:\n  web:\n    image: x\n    volumes: [" + volume
                + "]\nvolumes:\n  data: {}\n");
        ComposeProject project = new ComposeLoader(Map.of(), dir).load(List.of(file), "hash");
        return ServiceSpecs.parts(project.services().get("web"), "sha256:1").get("volumes");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aVolumeWithoutOptionsHashesAsBefore() throws Exception {
        assertThat(volumesHash("'data:/v:ro'")).isEqualTo(sha256(
                "[Mount[type=VOLUME, source=hash_data, target=/v, readOnly=true]]").substring(0, 8));
        assertThat(volumesHash("'data:/v:ro,nocopy'")).isNotEqualTo(volumesHash("'data:/v:ro'"));
    }

    @Test
    void hooksArePartOfTheHashOnlyWhenSet() throws Exception {
        Path file = Files.writeString(dir.resolve("b.yml"), "services:\n  web: {image: x}\n  hooked:\n    image: x\n"
                + "    post_start: [{command: [touch, /tmp/x]}]\n    pre_stop: [{command: [sync]}]\n");
        ComposeProject project = new ComposeLoader(Map.of(), dir).load(List.of(file), "hash");
        assertThat(ServiceSpecs.parts(project.services().get("web"), "sha256:1")).doesNotContainKeys("post_start", "pre_stop");
        assertThat(ServiceSpecs.parts(project.services().get("hooked"), "sha256:1")).containsKeys("post_start", "pre_stop");
    }
}
