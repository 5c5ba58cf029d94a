package io.capstan.stack.render;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinjava's messages name Java classes ({@code Cannot find method 'getClass' in class java.lang.String}); a template
 * author thinks in Jinja values, so each class name becomes the kind of value it is ({@code a string}).
 */
final class JavaNames {
    private static final Pattern CLASS = Pattern.compile(
            "(?:in )?(?:class )?\\b((?:java|javax|com|org|io|jdk|sun)(?:\\.[a-z_]\\w*)*\\.[A-Z][\\w$]*)");
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("String", "a string"), Map.entry("Long", "a number"), Map.entry("Integer", "a number"),
            Map.entry("Double", "a number"), Map.entry("BigDecimal", "a number"), Map.entry("Boolean", "a boolean"),
            Map.entry("PyList", "a list"), Map.entry("ArrayList", "a list"), Map.entry("List", "a list"),
            Map.entry("PyMap", "a mapping"), Map.entry("LinkedHashMap", "a mapping"), Map.entry("HashMap", "a mapping"),
            Map.entry("Map", "a mapping"), Map.entry("SizeLimitingPyMap", "a mapping"),
            Map.entry("SizeLimitingPyList", "a list"));

    private JavaNames() {
    }

    static String asJinjaKinds(String message) {
        Matcher m = CLASS.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String simple = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
            simple = simple.substring(simple.lastIndexOf('$') + 1);
            String kind = KINDS.getOrDefault(simple, "a value");
            m.appendReplacement(out, Matcher.quoteReplacement((m.group().startsWith("in ") ? "on " : "") + kind));
        }
        m.appendTail(out);
        return out.toString();
    }
}
