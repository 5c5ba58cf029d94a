package io.capstan.stack;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
