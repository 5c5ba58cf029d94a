package io.capstan.kernels.spec;

import io.capstan.core.error.InvalidSpecException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The host ports a kernel's five ports must lie in, written {@code LO..HI}; a range of zero ({@code 0..0}) is none. */
public record PortRange(int lower, int upper) {
    public static final PortRange NONE = new PortRange(0, 0);
    private static final Pattern FORM = Pattern.compile("(\\d{1,5})\\.\\.(\\d{1,5})");
    /** A kernel listens on five ports. */
    public static final int KERNEL_PORTS = 5;

    public static PortRange parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new InvalidSpecException("invalid port range '" + text + "': expected LO..HI, such as 40000..40999 "
                    + "(0..0 for none)");
        }
        int lower = Integer.parseInt(m.group(1));
        int upper = Integer.parseInt(m.group(2));
        if (lower == upper) {
            return NONE;
        }
        if (lower < 1024 || upper > 65535 || lower > upper) {
            throw new InvalidSpecException("invalid port range '" + text + "': LO and HI must lie within 1024..65535 "
                    + "with LO below HI");
        }
        if (upper - lower + 1 < KERNEL_PORTS) {
            throw new InvalidSpecException("invalid port range '" + text + "': a kernel needs " + KERNEL_PORTS
                    + " ports, the range has " + (upper - lower + 1));
        }
        return new PortRange(lower, upper);
    }

    public boolean enabled() {
        return lower != upper;
    }

    public boolean contains(int port) {
        return !enabled() || port >= lower && port <= upper;
    }

    @Override
    public String toString() {
        return lower + ".." + upper;
    }
}
