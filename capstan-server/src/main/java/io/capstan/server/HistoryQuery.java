package io.capstan.server;

import io.capstan.control.managed.InvalidRequestException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ?history=} of a container's health: the newest N samples (default 20), or those of a window such as
 * {@code 30m}, {@code 6h} or {@code 7d}.
 *
 * @param count the newest this many, when {@code since} is null
 * @param since the window's start, or null
 */
record HistoryQuery(int count, Instant since) {
    static final int DEFAULT_COUNT = 20;
    private static final Pattern WINDOW = Pattern.compile("(\\d+)([smhd])");

    static HistoryQuery parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return new HistoryQuery(DEFAULT_COUNT, null);
        }
        String text = value.strip();
        Matcher window = WINDOW.matcher(text);
        try {
            if (window.matches()) {
                long n = Long.parseLong(window.group(1));
                Duration span = switch (window.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return new HistoryQuery(0, now.minus(span));
            }
            if (text.matches("\\d+")) {
                return new HistoryQuery(Integer.parseInt(text), null);
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeException tooLarge) {
            throw InvalidRequestException.query("history", "'" + value + "' is too large: give a count such as 20 "
                    + "or a window of at most a few years, such as 365d");
        }
        throw InvalidRequestException.query("history", "expected a count such as 20 or a window such as 30m, 6h or 7d, "
                + "got '" + value + "'");
    }
}
