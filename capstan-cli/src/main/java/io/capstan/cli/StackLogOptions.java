package io.capstan.cli;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.error.InvalidSpecException;
import picocli.CommandLine.Option;

import java.time.Instant;

/** The options of {@code capstan CONFIG logs}, as {@code docker compose logs} has them. */
final class StackLogOptions {
    @Option(names = {"-f", "--follow"}, description = "With logs: keep printing until Ctrl-C.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "With logs: only the last N lines of each container (or all).")
    String tail;

    @Option(names = "--since", paramLabel = "TIME",
            description = "With logs: only lines from then on: a timestamp, a date, Unix seconds, or a time ago (10m).")
    String since;

    @Option(names = "--timestamps", description = "With logs (also written -t there): each line with its timestamp.")
    boolean timestamps;

    LogOptions toLogOptions(Instant now) {
        return new LogOptions(follow, tailLines(), timestamps,
                since == null ? null : TimeArgument.parse("--since", since, now), null);
    }

    private int tailLines() {
        if (tail == null || tail.equals("all")) {
            return -1;
        }
        try {
            int lines = Integer.parseInt(tail.strip());
            if (lines >= 0) {
                return lines;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new InvalidSpecException("invalid --tail '" + tail + "': expected a number of lines or 'all'");
    }
}
