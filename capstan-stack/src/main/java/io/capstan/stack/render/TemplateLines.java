package io.capstan.stack.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, for each line a template rendered, the template line it most likely came from. Jinjava does not say,
 * so this matches text: each template line becomes a pattern in which its literal text must appear and every
 * {@code {{ ... }}} or tag may stand for any text. Of the template lines a rendered line matches, the one with
 * the most literal text wins; between equals, the first at or after the previous match, else the nearest before
 * it (a loop's body repeating). Exact for lines with literal text of their own; a line that a multi-line value
 * produced, or one that an inline {@code {% if %}} changed, may have no template line (0).
 */
public final class TemplateLines {
    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}|\\{[{%#].*$");

    private record Line(Pattern pattern, int weight, boolean control) {
    }

    private final List<Line> lines = new ArrayList<>();

    public TemplateLines(String template) {
        for (String text : template.split("\r?\n", -1)) {
            lines.add(line(text));
        }
    }

    /** The template line (1-based) that rendered line {@code renderedLine} (1-based) of {@code rendered} came from, or 0. */
    public static int origin(String template, String rendered, int renderedLine) {
        int[] map = new TemplateLines(template).map(rendered);
        return renderedLine >= 1 && renderedLine <= map.length ? map[renderedLine - 1] : 0;
    }

    /** For each rendered line, the template line (1-based) it came from, or 0 when none matches. */
    public int[] map(String rendered) {
        String[] output = rendered.split("\r?\n", -1);
        int[] origins = new int[output.length];
        int cursor = 0;
        for (int i = 0; i < output.length; i++) {
            int best = best(output[i], cursor);
            origins[i] = best + 1;
            if (best >= 0) {
                cursor = best + 1;
            }
        }
        return origins;
    }

    private int best(String renderedLine, int cursor) {
        boolean blank = renderedLine.isBlank();
        int bestWeight = -1;
        int best = -1;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            // a line of only tags renders blank; a blank line then matches no literal text
            boolean matches = blank && line.control || line.pattern.matcher(renderedLine).matches();
            if (!matches) {
                continue;
            }
            if (line.weight > bestWeight || line.weight == bestWeight && closer(i, best, cursor)) {
                bestWeight = line.weight;
                best = i;
            }
        }
        return best;
    }

    /** Whether template line {@code candidate} follows the previous match more closely than {@code current}. */
    private static boolean closer(int candidate, int current, int cursor) {
        if (current < 0) {
            return true;
        }
        boolean candidateAhead = candidate >= cursor;
        boolean currentAhead = current >= cursor;
        if (candidateAhead != currentAhead) {
            return candidateAhead;
        }
        return candidateAhead ? candidate < current : candidate > current;
    }

    private static Line line(String text) {
        StringBuilder regex = new StringBuilder();
        Matcher tags = TAG.matcher(text);
        int literalStart = 0;
        int weight = 0;
        boolean hasStatement = false;
        while (tags.find()) {
            String literal = text.substring(literalStart, tags.start());
            regex.append(Pattern.quote(literal)).append(".*");
            weight += literal.strip().length();
            hasStatement |= !tags.group().startsWith("{{");
            literalStart = tags.end();
        }
        String rest = text.substring(literalStart);
        regex.append(Pattern.quote(rest));
        weight += rest.strip().length();
        return new Line(Pattern.compile(regex.toString()), weight, hasStatement && weight == 0);
    }
}
