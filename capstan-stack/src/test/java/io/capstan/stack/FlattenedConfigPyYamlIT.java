package io.capstan.stack;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.capstan.stack.config.YamlDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Reads the flattened config.yml with Debian's python3-yaml (PyYAML, YAML 1.1), as the containers' own code does,
 * and requires the data Capstan meant: strings such as {@code NO}, {@code on}, {@code 1:30} or {@code 2024-01-01}
 * stay strings, and numbers, booleans and nulls stay what they are.
 */
class FlattenedConfigPyYamlIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir
    Path dir;

    @Test
    void aYaml11ReaderReadsTheFlattenedConfigAsTheSameData() throws Exception {
        TestProject project = new TestProject(dir).rootTemplate().ambiguousScalars();
        GeneratedStack stack = new StackGenerator(Map.of(), false).generate(project.config());

        Map<String, Object> pyyaml = readWithPyYaml(project.build("services/web/config.yml"));
        assertThat(pyyaml).isEqualTo(stack.config().masked());
        assertThat(pyyaml).containsEntry("EPICS_CA_AUTO_ADDR_LIST", "NO");
    }

    @Test
    void theWarningsAboutPlainValuesNameExactlyThoseThatPyYamlReadsDifferently() throws Exception {
        List<String> plain = List.of("NO", "yes", "y", "n", "on", "Off", "true", "False", "~", "null", "", "1:30",
                "190:20:30.15", "1_000", "010", "09", "0o17", "0x1F", "0b1010", "+12", "-1", "0", ".5", "1.", "1e3",
                "1.0e3", "1.0e+3", ".inf", "-.Inf", ".NaN", "2024-01-01", "2001-12-14 21:59:43.10 -5", "12:30:45",
                "22:22", "8080:80", "text", "1.2.3", "${VAR}");
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < plain.size(); i++) {
            yaml.append("k").append(i).append(": ").append(plain.get(i)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("plain.yml"), yaml);
        YamlDocument capstan = YamlDocument.read(file, "plain.yml");
        Map<String, Object> pyyaml = readWithPyYaml(file);

        Set<String> differ = new TreeSet<>();
        capstan.root().forEach((key, value) -> {
            if (!Objects.equals(value, pyyaml.get(key))) {
                differ.add(key + " (" + plain.get(Integer.parseInt(key.substring(1))) + ")");
            }
        });
        Set<String> warned = new TreeSet<>();
        for (String warning : capstan.yaml11Differences()) {
            String key = warning.split(": ", 3)[1];
            warned.add(key + " (" + plain.get(Integer.parseInt(key.substring(1))) + ")");
        }
        assertThat(warned).isEqualTo(differ);
        assertThat(differ).as("the test has cases of each kind").contains("k0 (NO)", "k14 (010)", "k24 (1e3)", "k30 (2024-01-01)");
    }

    private static Map<String, Object> readWithPyYaml(Path file) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: scripts/install-deps.sh installs python3-yaml");
        }
        Path script = Path.of("src/test/resources/yaml_load.py").toAbsolutePath();
        Process python = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString()).start();
        byte[] out = python.getInputStream().readAllBytes();
        String err = new String(python.getErrorStream().readAllBytes());
        if (python.waitFor() != 0) {
            fail("python3 could not read " + file + " with PyYAML (scripts/install-deps.sh installs python3-yaml): " + err);
        }
        return JSON.readValue(out, new TypeReference<>() { });
    }
}
