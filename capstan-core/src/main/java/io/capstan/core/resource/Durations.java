package io.capstan.core.resource;

import io.capstan.core.error.InvalidSpecException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as docker and compose write them: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 1m30s}, {@code 2h}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");

    private Durations() {
    }

    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip();
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            BigDecimal amount = new BigDecimal(m.group(1));
            long nanosPerUnit = switch (m.group(2)) {
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = plus(total, amount.multiply(BigDecimal.valueOf(nanosPerUnit)), text);
            end = m.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new InvalidSpecException("invalid duration '" + text
                    + "': expected a number with us, ms, s, m or h, such as 5s, 1.5s or 1m30s");
        }
        return total;
    }

    private static Duration plus(Duration total, BigDecimal nanos, String text) {
        try {
            return total.plusNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException e) {
            throw new InvalidSpecException("invalid duration '" + text + "': too long (at most about 292 years)", e);
        }
    }

    /** The compose form of {@code duration}, which {@link #parse} reads back: {@code 2s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return BigDecimal.valueOf(duration.toNanos(), 6).stripTrailingZeros().toPlainString() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        long nanos = duration.toSecondsPart() * 1_000_000_000L + duration.toNanosPart();
        if (nanos > 0) {
            text.append(BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString()).append('s');
        }
        return text.toString();
    }
}
