package io.capstan.stack.compose;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.stack.config.PortableYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML that {@code config} prints reads back to the same data with a YAML 1.2 reader (snakeyaml-engine) and
 * with Debian's python3-yaml, the YAML 1.1 reader that docker-compose v1 and containers' own code use.
 */
class ComposeConfigYamlIT {
    private static final List<String> TRICKY = List.of("NO", "no", "yes", "Yes", "on", "Off", "y", "n", "~", "Null",
            "null", "", "1:30", "190:20:30", "1_000", "0755", "0x1F", "0b101", "1e3", "3.5", ".5", ".inf", ".NaN",
            "2024-01-01", "2001-12-14t21:59:43.10-05:00", "<<", "=", "true", "False", "12", "-7", "plain text", "a: b");

    @TempDir
    Path dir;

    @Test
    void everyStringReadsBackAsThatStringInYaml11AndYaml12() throws Exception {
        Map<String, Object> model = new LinkedHashMap<>();
        for (int i = 0; i < TRICKY.size(); i++) {
            model.put("k" + i, TRICKY.get(i));
        }
        model.put("number", 42);
        model.put("flag", true);
        model.put("list", TRICKY);
        String yaml = PortableYaml.writeCompose(model);

        assertThat(new Load(LoadSettings.builder().build()).loadFromString(yaml)).as(yaml).isEqualTo(model);
        Path file = Files.writeString(dir.resolve("model.yml"), yaml);
        Process python = new ProcessBuilder("python3", "-c",
                "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", file.toString())
                .redirectErrorStream(true).start();
        String json = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as("python3-yaml: %s", json).isZero();
        assertThat(new ObjectMapper().readValue(json, Map.class)).as(yaml).isEqualTo(model);
    }
}
