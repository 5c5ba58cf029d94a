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

/** post_start and pre_stop: read with their keys, printed by config. */
class HooksTest {
    @TempDir
    Path dir;

    private ComposeProject load(String web) throws IOException {
        Path file = Files.writeString(dir.resolve("compose.yml"), "services:\n  web:\n    image: x\n" + web);
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "hooks");
    }

    @Test
    void hooksAreReadWithTheirKeys() throws IOException {
        ComposeProject project = load("""
                    post_start:
                      - command: touch /tmp/started
                      - command: [sh, -c, "echo $$GREETING > /tmp/greeting"]
                        user: root
                        privileged: true
                        working_dir: /tmp
                        environment: {GREETING: hello}
                    pre_stop:
                      - command: ["sh", "-c", "echo bye"]
                """);
        Hook.Hooks hooks = project.services().get("web").hooks();
        assertThat(hooks.postStart()).containsExactly(
                new Hook(List.of("touch", "/tmp/started"), null, false, null, Map.of()),
                new Hook(List.of("sh", "-c", "echo $GREETING > /tmp/greeting"), "root", true, "/tmp", Map.of("GREETING", "hello")));
        assertThat(hooks.preStop()).extracting(Hook::command).containsExactly(List.of("sh", "-c", "echo bye"));
        assertThat(project.warnings()).isEmpty();
        assertThat(String.valueOf(ComposeConfig.of(project))).contains("post_start=[{command=[touch, /tmp/started]}, "
                + "{command=[sh, -c, echo $GREETING > /tmp/greeting], user=root, privileged=true, working_dir=/tmp, "
                + "environment={GREETING=hello}}]");
    }

    @Test
    void aHookWithoutACommandIsRefusedWithItsLine() {
        assertThatThrownBy(() -> load("    post_start:\n      - user: root\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("compose.yml:5: post_start hook needs a command");
    }
}
