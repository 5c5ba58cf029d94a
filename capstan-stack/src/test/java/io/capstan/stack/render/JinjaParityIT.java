package io.capstan.stack.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.ConfigLoader;
import io.capstan.stack.config.StackConfig;
import io.capstan.stack.discovery.DeployedService;
import io.capstan.stack.discovery.ServiceResolver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders the same templates with Capstan and with the real Jinja2 (Debian's python3-jinja2, default settings)
 * and requires the same bytes, or from both an error of the same kind on the same line.
 */
class JinjaParityIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String name, String source, Map<String, Object> context, boolean strict) {
    }

    @Test
    void constructsRealTemplatesUseRenderAsJinja2DoesThem() throws Exception {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("name", "Web-App");
        ctx.put("items", List.of("a", "b", "c"));
        ctx.put("nothing", List.of());
        ctx.put("port", 8080);
        ctx.put("ratio", 0.25);
        ctx.put("framework", Map.of("services", Map.of("open-webui", Map.of("port_host", 8080), "jupyter",
                new LinkedHashMap<>(Map.of("containers", new LinkedHashMap<>(Map.of("read", Map.of("port", 1)))))))
        );
        ctx.put("env", new LinkedHashMap<>(Map.of("B", "2", "A", "1")));
        ctx.put("mixed", new LinkedHashMap<>(Map.of("z", List.of(1, 2.5, "x<&>'\""), "a", Map.of("nested", "é ü ✓"))));
        ctx.put("text", "  padded  ");

        List<Case> cases = new ArrayList<>();
        String[] templates = {
                "{{ name }} {{ port }} {{ ratio }}",
                "{{ name | lower }} {{ name | upper }} {{ name | replace('-', '_') }} {{ items | join(',') }} {{ items | join }}",
                "{{ name.replace('-', '.') }}",
                "{% for i in items %}{{ loop.index }}:{{ i }}{% if not loop.last %}, {% endif %}{% endfor %}",
                "{% for i in items %}{{ loop.index0 }}{{ loop.length }}{% if loop.first %}F{% endif %}{% endfor %}",
                "{% if nothing %}{% for i in nothing %}x{% endfor %}{% else %}none{% endif %}",
                "{{ framework.services['open-webui'].port_host }}",
                "{{ framework.services.jupyter.containers.read.port }}",
                "{% for k, v in env.items() %}{{ k }}={{ v }};{% endfor %}",
                "{% for k in env %}{{ k }} {% endfor %}",
                "{{ env | tojson }}",
                "{{ mixed | tojson }}",
                "{{ items | tojson }} {{ port | tojson }} {{ name | tojson }}",
                "{{ missing | default('fallback') }} {{ name | default('unused') }}",
                "{% if missing is defined %}yes{% else %}no{% endif %} {% if name is defined %}yes{% endif %}",
                "{% if port > 80 and name == 'Web-App' %}big{% elif port %}small{% endif %}",
                "{{ 'ro' if name == 'x' else 'rw' }}",
                "${HTTP_PROXY} ${VAR:-default} $$ $HOME",
                "a\n{% for i in items %}\n- {{ i }}\n{% endfor %}\nb\n",
                "a\n{%- for i in items %}\n  - {{ i }}\n{%- endfor %}\nb",
                "no newline at end",
                "one newline at end\n",
                "two newlines at end\n\n",
                "{# a comment #}kept\n",
                "{% set x = port + 1 %}{{ x }} {{ port * 2 }} {{ port // 3 }} {{ 'a' ~ port }}",
                "{{ items | length }} {{ text | trim }} {{ 'yes' if 'b' in items }} {{ items[0] }}",
                "services:\n{% for c in items %}\n  {{ c }}:\n    image: busybox\n{% endfor %}\n",
                "{{ missing }}",
                "{{ framework.nothere.port }}",
        };
        for (int i = 0; i < templates.length; i++) {
            cases.add(new Case("case " + i, templates[i], ctx, true));
        }
        cases.add(new Case("lenient missing", "[{{ missing }}]", ctx, false));
        assertSameAsJinja2(cases);
    }

    @Test
    void aTemplateErrorIsOfTheKindAndOnTheLineJinja2Reports() throws Exception {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("name", "web");
        ctx.put("items", List.of("a", "b"));
        ctx.put("framework", Map.of("services", Map.of()));
        String[] templates = {
                "{{ missing }}",
                "a\nb\n{{ missing }}",
                "x\n{{ framework.nothere.port }}",
                "x\ny\n{{ framework.services.web.port }}",
                "a\n{% for i in items %}\n{{ i.nope }}\n{% endfor %}",
                "a\n{% endfor %}",
                "a\n\n{{ name | nosuchfilter }}",
                "a\n{{ name ",
                "{{ 1 + }}",
                "{%}",
                "a\n{% if name %}\nb\n{% endfor %}",
                "a\nb\n{{ 1 // 0 }}",
                "{{ missing | upper }}",
        };
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < templates.length; i++) {
            cases.add(new Case("error case " + i, templates[i], ctx, true));
        }
        assertSameAsJinja2(cases);
    }

    /**
     * Documented differences: Jinja2 prints Python's {@code True}/{@code False}, Capstan YAML's {@code true}/{@code false}
     * (both are booleans to a compose file), and Jinjava's expression keywords ({@code empty}, {@code div}, ...) cannot
     * be variable names.
     */
    @Test
    void knownDifferencesAreExactlyTheDocumentedOnes() throws Exception {
        Map<String, Object> ctx = Map.of("flag", true, "items", List.of("a"));
        List<Case> cases = List.of(new Case("booleans", "{{ flag }} {{ not flag }} {{ 'a' in items }}", ctx, true));
        assertThat(jinja2(cases).getFirst()).containsEntry("output", "True False True");
        assertThat(new TemplateRenderer(false).render(cases.getFirst().source(), "booleans", ctx)).isEqualTo("true false true");
        assertThat(jinja2(List.of(new Case("for-else", "{% for i in [] %}x{% else %}none{% endfor %}", ctx, true))).getFirst())
                .containsEntry("output", "none");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TemplateRenderer(false)
                        .render("a\n{% for i in [] %}x{% else %}none{% endfor %}", "t.j2", ctx))
                .hasMessageStartingWith("t.j2:2: {% for %} ... {% else %} is not supported");
    }

    @Test
    void theExampleProjectRendersAsJinja2RendersIt() throws Exception {
        Path project = Path.of("../examples/demo").toAbsolutePath().normalize();
        StackConfig config = new ConfigLoader(Map.of()).load(project.resolve("config.yml"));
        Map<String, Object> root = TemplateContext.root(config);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("root", Files.readString(project.resolve("services/docker-compose.yml.j2")), root, true));
        for (DeployedService service : new ServiceResolver(config).resolve(w -> { })) {
            Path dir = project.resolve((String) service.config().get("path"));
            Map<String, Object> context = TemplateContext.service(root, service.config());
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path template : files.filter(f -> f.toString().endsWith(".j2")).sorted().toList()) {
                    cases.add(new Case(project.relativize(template).toString(), Files.readString(template), context, true));
                }
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(6);
        assertSameAsJinja2(cases);
    }

    private static void assertSameAsJinja2(List<Case> cases) throws IOException, InterruptedException {
        List<Map<String, String>> expected = jinja2(cases);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Map<String, String> jinja = expected.get(i);
            String ours;
            try {
                ours = new TemplateRenderer(!c.strict()).render(c.source(), c.name(), c.context());
            } catch (ConfigException e) {
                if (!jinja.containsKey("error")) {
                    differences.add(c.name() + ": Jinja2 rendered " + show(jinja.get("output")) + " but Capstan failed: " + e.getMessage());
                    continue;
                }
                if (e.getMessage().matches("(?s).*\\w+Exception\\b.*")) {
                    differences.add(c.name() + ": Capstan's message names a Java class: " + e.getMessage());
                }
                TemplateFailure failure = TemplateFailure.of(c.name(), e.getMessage());
                if (!failure.kind().equals(jinja.get("kind")) || !String.valueOf(failure.line()).equals(jinja.get("line"))) {
                    differences.add(c.name() + ": Jinja2 failed with a " + jinja.get("kind") + " error on line "
                            + jinja.get("line") + " (" + jinja.get("error") + ") but Capstan with a " + failure.kind()
                            + " error on line " + failure.line() + " (" + e.getMessage() + ")");
                }
                continue;
            }
            if (jinja.containsKey("error")) {
                differences.add(c.name() + ": Jinja2 failed (" + jinja.get("error") + ") but Capstan rendered " + show(ours));
            } else if (!jinja.get("output").equals(ours)) {
                differences.add(c.name() + ": Jinja2 " + show(jinja.get("output")) + " vs Capstan " + show(ours));
            }
        }
        assertThat(differences).isEmpty();
    }

    private static String show(String s) {
        return "[" + s.replace("\n", "\\n") + "]";
    }

    private static List<Map<String, String>> jinja2(List<Case> cases) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: the test command installs python3-jinja2");
        }
        Path script = Path.of("src/test/resources/jinja_render.py").toAbsolutePath();
        Process python = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectErrorStream(false).start();
        List<Map<String, Object>> input = cases.stream().map(c -> Map.of("name", c.name(), "source", c.source(),
                "context", c.context(), "strict", (Object) c.strict())).toList();
        try (var stdin = python.getOutputStream()) {
            JSON.writeValue(stdin, input);
        }
        byte[] out = python.getInputStream().readAllBytes();
        String err = new String(python.getErrorStream().readAllBytes());
        if (python.waitFor() != 0) {
            fail("python3 with jinja2 failed (the test command installs python3-jinja2): " + err);
        }
        return JSON.readValue(out, new TypeReference<>() { });
    }
}
