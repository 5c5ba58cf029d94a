package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Any number of aliases loads; aliases that expand without bound (an alias bomb) are refused. */
class YamlAliasesTest {
    @Test
    void twoHundredAliasesLoad() {
        StringBuilder yaml = new StringBuilder("x-defaults: &defaults {restart: always, labels: {tier: app}}\nservices:\n");
        for (int i = 0; i < 200; i++) {
            yaml.append("  s").append(i).append(": *defaults\n");
        }
        YamlDocument document = YamlDocument.parse(yaml.toString(), "many.yml", true);
        Map<String, Object> services = Values.asMap((Map<?, ?>) document.root().get("services"));
        assertThat(services).hasSize(200);
        assertThat(services.get("s199")).isEqualTo(Map.of("restart", "always", "labels", Map.of("tier", "app")));
    }

    @Test
    void anAliasBombIsRefusedWithOneLineNamingTheFile() {
        String bomb = """
                a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
                e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
                f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
                g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
                h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
                i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
                """;
        assertThatThrownBy(() -> YamlDocument.parse(bomb, "bomb.yml", true)).isInstanceOf(ConfigException.class)
                .hasMessageMatching("bomb\\.yml:\\d+: invalid YAML: aliases expand the file to more than 100000 values "
                        + "\\(an alias bomb\\?\\): refusing to read it");
    }

    @Test
    void aValueThatContainsItselfIsRefused() {
        assertThatThrownBy(() -> YamlDocument.parse("a: &a [1, *a]\n", "loop.yml", false)).isInstanceOf(ConfigException.class)
                .hasMessage("loop.yml:1: invalid YAML: an alias refers to a value that contains it");
    }
}
