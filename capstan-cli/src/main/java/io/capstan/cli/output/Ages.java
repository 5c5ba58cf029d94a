package io.capstan.cli.output;

import java.time.Duration;
import java.time.Instant;

/** "3 hours ago", the way docker lists creation times. */
public final class Ages {
    private Ages() {
    }

    public static String since(Instant time, Instant now) {
        if (time == null) {
            return "";
        }
        Duration d = Duration.between(time, now);
        if (d.toDays() >= 2) {
            return d.toDays() + " days ago";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours ago";
        }
        if (d.toMinutes() >= 2) {
            return d.toMinutes() + " minutes ago";
        }
        return "just now";
    }
}
