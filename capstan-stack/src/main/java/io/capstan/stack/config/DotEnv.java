package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: {@code KEY=VALUE} lines, optional {@code export}, {@code #} comments, single quotes
 * (taken literally) and double quotes (with {@code \n}, {@code \"} and {@code \\} escapes).
 */
public final class DotEnv {
    private static final Pattern LINE = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)");

    private DotEnv() {
    }

    public static Map<String, String> read(Path file, String displayName) {
        List<String> lines = ConfigFiles.readText(file, displayName).lines().toList();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ConfigException(displayName + ":" + (i + 1) + ": expected KEY=VALUE");
            }
            values.put(m.group(1), value(m.group(2).strip(), displayName, i + 1));
        }
        return values;
    }

    private static String value(String raw, String file, int line) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            if (end < 0) {
                throw new ConfigException(file + ":" + line + ": unterminated single quote");
            }
            return raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    out.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> next;
                    });
                } else {
                    out.append(c);
                }
            }
            throw new ConfigException(file + ":" + line + ": unterminated double quote");
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }
}
