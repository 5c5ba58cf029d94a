package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as docker writes them: {@code 500ms}, {@code 5s}, {@code 1m30s}, {@code 2h}. */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String text) {
        String value = text == null ? "" : text.strip();
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new InvalidSpecException("invalid duration '" + text + "': expected a number with ms, s, m or h, such as 5s or 1m30s");
        }
        return total;
    }
}
