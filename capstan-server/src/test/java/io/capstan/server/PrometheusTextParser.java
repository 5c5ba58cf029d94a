package io.capstan.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4, written from the format's specification: HELP and TYPE
 * lines, samples with escaped label values, float values (NaN, +Inf, -Inf) and optional timestamps. Anything else
 * (a bad name, an unterminated label value, a TYPE given twice or after its samples, a family split in two) fails.
 */
final class PrometheusTextParser {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_created", "_info");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** Families by name, as the scrape lists them. */
    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Set<String> closed = new java.util.HashSet<>();
        String open = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + lineNo + ": '" + line + "'";
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String name = name(parts[2], where);
                    Family f = families.get(name);
                    if (parts[1].equals("TYPE")) {
                        String type = parts.length == 4 ? parts[3] : "";
                        if (!TYPES.contains(type)) {
                            throw new IllegalArgumentException("unknown type at " + where);
                        }
                        if (f != null && (f.type() != null || !f.samples().isEmpty())) {
                            throw new IllegalArgumentException("TYPE repeated or after samples at " + where);
                        }
                        families.put(name, new Family(name, type, f == null ? null : f.help(),
                                f == null ? new ArrayList<>() : f.samples()));
                    } else {
                        if (f != null && f.help() != null) {
                            throw new IllegalArgumentException("HELP repeated at " + where);
                        }
                        families.put(name, new Family(name, f == null ? null : f.type(),
                                parts.length == 4 ? unescape(parts[3], where) : "",
                                f == null ? new ArrayList<>() : f.samples()));
                    }
                    open = switchTo(open, name, closed, where);
                }
                continue; // any other comment
            }
            Sample sample = sample(line, where);
            String family = familyOf(sample.name(), families);
            open = switchTo(open, family, closed, where);
            families.computeIfAbsent(family, n -> new Family(n, "untyped", null, new ArrayList<>()))
                    .samples().add(sample);
        }
        return families;
    }

    private static String switchTo(String open, String name, Set<String> closed, String where) {
        if (!name.equals(open)) {
            if (closed.contains(name)) {
                throw new IllegalArgumentException("family " + name + " is split at " + where);
            }
            if (open != null) {
                closed.add(open);
            }
        }
        return name;
    }

    private static String familyOf(String sampleName, Map<String, Family> families) {
        if (families.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (families.containsKey(base)) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = name(line.substring(0, i), where);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException("label without '=' at " + where);
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches() || labels.containsKey(label)) {
                    throw new IllegalArgumentException("bad or repeated label name '" + label + "' at " + where);
                }
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted at " + where);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; ; j++) {
                    if (j >= line.length()) {
                        throw new IllegalArgumentException("unterminated label value at " + where);
                    }
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(switch (next) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("bad escape at " + where);
                        });
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at " + where);
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no value at " + where);
        }
        String[] rest = line.substring(i + 1).strip().split(" +");
        if (rest.length > 2) {
            throw new IllegalArgumentException("trailing text at " + where);
        }
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name, labels, value(rest[0], where));
    }

    private static double value(String text, String where) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad value '" + text + "' at " + where);
                }
            }
        };
    }

    private static String name(String name, String where) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "' at " + where);
        }
        return name;
    }

    private static String unescape(String help, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\' && i + 1 < help.length()) {
                char next = help.charAt(++i);
                out.append(switch (next) {
                    case '\\' -> '\\';
                    case 'n' -> '\n';
                    default -> throw new IllegalArgumentException("bad escape in HELP at " + where);
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
