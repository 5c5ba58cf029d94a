package io.capstan.stack.build;

import io.capstan.stack.render.TemplateLines;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which template each generated file was rendered from, so that a message about a generated file's line also
 * names the template line: {@code build/services/web/docker-compose.yml:12 (from services/web/docker-compose.yml.j2:9)}.
 * Template lines are found only when a message needs them ({@link TemplateLines}), so generation pays nothing.
 */
public final class TemplateOrigins {
    public static final TemplateOrigins NONE = new TemplateOrigins();

    /** A generated file's template, both as messages name them, with the texts to match lines between. */
    private record Origin(String template, String templateText, String rendered) {
    }

    private final Map<String, Origin> byGenerated = new ConcurrentHashMap<>();

    void add(String generated, String template, String templateText, String rendered) {
        byGenerated.put(generated, new Origin(template, templateText, rendered));
    }

    /** {@code message} with {@code (from TEMPLATE:LINE)} after each {@code GENERATED:LINE[:COLUMN]} it names. */
    public String explain(String message) {
        if (message == null || byGenerated.isEmpty()) {
            return message;
        }
        String explained = message;
        for (Map.Entry<String, Origin> entry : byGenerated.entrySet()) {
            if (!explained.contains(entry.getKey() + ":")) {
                continue;
            }
            Matcher at = Pattern.compile("(?<![\\w/.-])" + Pattern.quote(entry.getKey())
                    + ":(\\d+)(:\\d+)?(?!\\d| \\(from )").matcher(explained);
            StringBuilder out = new StringBuilder();
            while (at.find()) {
                Origin origin = entry.getValue();
                int line = TemplateLines.origin(origin.templateText(), origin.rendered(), Integer.parseInt(at.group(1)));
                String from = " (from " + origin.template() + (line > 0 ? ":" + line : "") + ")";
                at.appendReplacement(out, Matcher.quoteReplacement(at.group() + from));
            }
            at.appendTail(out);
            explained = out.toString();
        }
        return explained;
    }
}
