package io.capstan.stack.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import io.capstan.core.error.ConfigException;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Renders Jinja2 templates with Jinjava, set up to produce what Jinja2 does with its default settings for the
 * constructs compose templates use: no block trimming, one trailing newline dropped, map iteration over keys,
 * Python-style output of values, values never re-rendered, and Jinja2's {@code tojson}.
 *
 * <p>Strict by default, like Jinja2's {@code StrictUndefined}: an undefined value is an error naming the template,
 * line and key path; {@code | default(...)} and {@code is defined} still work on missing keys. Lenient mode renders
 * undefined values as empty text, as Jinja2's default {@code Undefined} does.
 */
public final class TemplateRenderer {
    private static final String UNKNOWN_TOKEN = "Unknown token found: ";

    private final Jinjava jinjava;

    public TemplateRenderer(boolean lenient) {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(!lenient)
                .withTrimBlocks(false)
                .withLstripBlocks(false)
                .withNestedInterpretationEnabled(false)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withIterateOverMapKeys(true)
                        .withUsePyishObjectMapper(true)
                        .withKeepNullableLoopValues(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .build())
                .build();
        this.jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFilter(new JinjaJson());
    }

    /**
     * @param template    the template's text
     * @param displayName the template's name for messages, such as {@code services/web/docker-compose.yml.j2}
     * @param context     the variables it sees
     */
    public String render(String template, String displayName, Map<String, Object> context) {
        String source = withoutTrailingNewline(template);
        Node tree;
        try {
            tree = jinjava.newInterpreter().parse(source);
        } catch (InterpretException e) {
            // a tag Jinjava cannot even tokenize, such as {%}
            throw new ConfigException(displayName + ":" + Math.max(e.getLineNumber(), 1) + ": "
                    + JavaNames.asJinjaKinds(e.getMessage() == null ? "template error" : e.getMessage()), e);
        }
        refuseForElse(tree, displayName);
        RenderResult result = jinjava.renderForResult(source, context);
        // Jinjava reports a stray end tag or an unclosed {{ only as a warning; Jinja2 refuses such templates.
        Optional<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL
                        || e.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR).findFirst();
        if (fatal.isPresent()) {
            throw new ConfigException(displayName + ":" + fatal.get().getLineno() + ": " + describe(fatal.get(), context,
                    name -> jinjava.getGlobalContext().getFilter(name) != null));
        }
        return result.getOutput();
    }

    /** Jinjava parses {@code {% for %}...{% else %}} but ignores the else: better an error than silently nothing. */
    private static void refuseForElse(Node node, String displayName) {
        for (Node child : node.getChildren()) {
            if (node instanceof TagNode loop && loop.getName().equals("for")
                    && child instanceof TagNode tag && tag.getName().equals("else")) {
                throw new ConfigException(displayName + ":" + tag.getLineNumber() + ": {% for %} ... {% else %} is not "
                        + "supported: put the loop inside {% if items %} ... {% else %} ... {% endif %}");
            }
            refuseForElse(child, displayName);
        }
    }

    /** Jinja2's {@code keep_trailing_newline=False}: a single trailing newline of the template is dropped. */
    private static String withoutTrailingNewline(String template) {
        if (template.endsWith("\r\n")) {
            return template.substring(0, template.length() - 2);
        }
        return template.endsWith("\n") ? template.substring(0, template.length() - 1) : template;
    }

    private static String describe(TemplateError error, Map<String, Object> context, Predicate<String> isFilter) {
        String message = error.getMessage() == null ? "template error" : error.getMessage();
        int unknown = message.indexOf(UNKNOWN_TOKEN);
        if (unknown < 0) {
            // Jinjava puts the Java exception's name at the start, or after its own "Error resolving ...: "
            return JavaNames.asJinjaKinds(
                    message.replaceAll("(^|: )(?:[A-Za-z_$][\\w$]*\\.)*[A-Z][\\w$]*Exception: ", "$1")
                            .replaceAll("\\b[A-Z][\\w$]*Exception when resolving", "error resolving"));
        }
        String path = message.substring(unknown + UNKNOWN_TOKEN.length()).strip();
        // Jinjava reports an unknown filter as an unknown token too: '{{ name | nosuch }}'
        Optional<String> filter = Arrays.stream(path.split("\\|")).skip(1)
                .map(f -> f.strip().replaceFirst("[^A-Za-z0-9_].*$", ""))
                .filter(f -> !f.isEmpty() && !isFilter.test(f)).findFirst();
        if (filter.isPresent()) {
            return "no filter named '" + filter.get() + "'";
        }
        return "undefined value '" + path + "'" + missingPart(path, context)
                + " (use | default(...) for optional values, or --lenient to render undefined values empty)";
    }

    /** Which step of a dotted path is missing: {@code 'framework.services' has no key 'jupter'}. */
    private static String missingPart(String path, Map<String, Object> context) {
        if (!path.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*")) {
            return "";
        }
        String[] keys = path.split("\\.");
        Object current = context;
        StringBuilder seen = new StringBuilder();
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return seen.isEmpty() ? "" : ": '" + seen + "' is not a mapping";
            }
            if (!map.containsKey(key)) {
                return seen.isEmpty() ? ": no such variable" : ": '" + seen + "' has no key '" + key + "'";
            }
            current = map.get(key);
            seen.append(seen.isEmpty() ? "" : ".").append(key);
        }
        return "";
    }
}
