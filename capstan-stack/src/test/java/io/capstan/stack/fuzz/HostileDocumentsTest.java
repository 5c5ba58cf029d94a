package io.capstan.stack.fuzz;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.config.ConfigLoader;
import io.capstan.stack.config.DotEnv;
import io.capstan.stack.config.YamlDocument;
import io.capstan.stack.render.TemplateRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.capstan.tck.fuzz.UserErrors.resultOrOneLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Documents written to hurt: refused with one clear line, quickly and without the memory they ask for. */
class HostileDocumentsTest {
    @TempDir
    Path dir;

    @Test
    void tenThousandNestedSequencesAreRefusedWithTheLine() {
        String yaml = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        resultOrOneLine(() -> YamlDocument.parse(yaml, "config.yml"), ConfigException.class);
        assertThatThrownBy(() -> YamlDocument.parse(yaml, "config.yml"))
                .hasMessage("config.yml:1: invalid YAML: nested more than 200 levels deep: refusing to read it");
    }

    @Test
    void tenThousandNestedMappingsInAComposeFileAreRefused() throws IOException {
        Files.writeString(dir.resolve("docker-compose.yml"), "services: " + "{a: ".repeat(10_000) + "1"
                + "}".repeat(10_000) + "\n");
        assertThatThrownBy(() -> new ComposeLoader(Map.of(), dir).load(List.of(dir.resolve("docker-compose.yml")), "x"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("docker-compose.yml:1: invalid YAML: nested more than 200 levels deep: refusing to read it");
    }

    @Test
    void realNestingIsRead() {
        String yaml = "a: " + "[".repeat(150) + "1" + "]".repeat(150) + "\n";
        assertThat(YamlDocument.parse(yaml, "config.yml").root()).containsKey("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"config.yml", "docker-compose.yml", ".env"})
    void aFiftyMebibyteFileIsRefusedBeforeItIsRead(String name) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(50L << 20);
        }
        String expected = name + ": 50.0 MiB is over the 2.0 MiB limit for a configuration file: is it the right file?";
        Runnable read = switch (name) {
            case "config.yml" -> () -> new ConfigLoader(Map.of()).load(file);
            case "docker-compose.yml" -> () -> new ComposeLoader(Map.of(), dir).load(List.of(file), "x");
            default -> () -> DotEnv.read(file, name);
        };
        assertThatThrownBy(read::run).isInstanceOf(ConfigException.class).hasMessage(expected);
    }

    @Test
    void bytesThatAreNotUtf8AreNamedAsSuch() throws IOException {
        Path file = dir.resolve("config.yml");
        Files.write(file, new byte[]{'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.yml: not UTF-8 text: save it as UTF-8");
    }

    @Test
    void aliasesChainedToNestDeepAreRefusedNotAStackOverflow() {
        StringBuilder yaml = new StringBuilder("l0: &l0 " + "[".repeat(150) + "1" + "]".repeat(150) + "\n");
        for (int i = 1; i < 40; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(' ').append("[".repeat(150))
                    .append("*l").append(i - 1).append("]".repeat(150)).append('\n');
        }
        resultOrOneLine(() -> YamlDocument.parse(yaml.toString(), "config.yml"), ConfigException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{{ ''.getClass() }}",
            "{{ ''.class }}",
            "{{ x.class.forName('java.lang.Runtime') }}",
            "{{ greeting.getClass().forName('java.lang.Runtime').getRuntime().exec('touch MARKER') }}",
            "{% set r = ''.getClass().getClassLoader() %}{{ r }}",
            "{{ services.getClass().getProtectionDomain() }}",
            "{{ greeting.class.name }}",
            "{{ services.web.getClass().getName() }}",
            "{{ ''.__class__.__mro__ }}",
    })
    void templateCodeCannotReachJavaObjects(String template) {
        Map<String, Object> context = Map.of("greeting", "hi", "x", "", "services", Map.of("web", Map.of("image", "a")));
        for (boolean lenient : new boolean[]{false, true}) {
            String[] output = new String[1];
            resultOrOneLine(() -> output[0] = new TemplateRenderer(lenient).render(template, "t.j2", context),
                    ConfigException.class);
            if (output[0] != null) {
                assertThat(output[0]).as(template).doesNotContain("java", "class", "Runtime", "Process", "Loader");
            }
        }
        assertThat(Path.of("MARKER")).doesNotExist();
    }
}
