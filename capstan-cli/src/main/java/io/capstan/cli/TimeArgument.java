package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.resource.Durations;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A moment as {@code docker logs --since/--until} takes it: a timestamp, a date, Unix seconds, or a time ago. */
final class TimeArgument {
    private TimeArgument() {
    }

    static Instant parse(String option, String text, Instant now) {
        String value = text.strip();
        try {
            if (value.matches("\\d+(\\.\\d+)?")) {
                BigDecimal seconds = new BigDecimal(value);
                return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                return value.matches(".*(Z|[+-]\\d{2}:\\d{2})$") ? OffsetDateTime.parse(value).toInstant()
                        : OffsetDateTime.parse(value + "Z").toInstant();
            }
            return now.minus(Durations.parse(value));
        } catch (DateTimeParseException | InvalidSpecException e) {
            throw new InvalidSpecException("invalid " + option + " '" + text + "': expected a timestamp such as "
                    + "2024-05-01T10:00:00Z, a date, Unix seconds, or a time ago such as 10m or 1h30m");
        }
    }
}
