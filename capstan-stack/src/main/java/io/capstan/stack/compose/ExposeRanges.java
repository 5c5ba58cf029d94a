package io.capstan.stack.compose;

import io.capstan.core.error.InvalidSpecException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's {@code expose}: a port or a range of ports, with an optional protocol ({@code 3000}, {@code 3000-3005},
 * {@code 53/udp}). Checked only: containers on a stack network reach every port of each other anyway.
 */
final class ExposeRanges {
    private static final Pattern EXPOSE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?(?:/(tcp|udp|sctp))?");

    private ExposeRanges() {
    }

    /** @return {@code text}, when it is a valid entry */
    static String check(String text) {
        Matcher m = EXPOSE.matcher(text.strip());
        if (m.matches()) {
            int low = Integer.parseInt(m.group(1));
            int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
            if (low >= 1 && low <= high && high <= 65535) {
                return text;
            }
        }
        throw new InvalidSpecException("invalid expose '" + text + "': expected PORT, FIRST-LAST or either with "
                + "/tcp, /udp or /sctp, ports within 1-65535, such as 3000 or 3000-3005/tcp");
    }
}
