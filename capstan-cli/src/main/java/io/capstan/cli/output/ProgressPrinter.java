package io.capstan.cli.output;

import io.capstan.stack.run.StackProgress;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a stack verb's progress: on a terminal, one live line per service redrawn in place; otherwise (a pipe,
 * a log file, CI) one timestamped line per change.
 */
public final class ProgressPrinter implements StackProgress {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintWriter out;
    private final boolean live;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private int drawn;

    public ProgressPrinter(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /**
     * Live lines only on a real terminal that understands cursor movement. The launcher sets
     * {@code CAPSTAN_TERMINAL=1} when standard error is a terminal (Java 21 cannot tell a terminal from a pipe).
     */
    public static boolean terminal() {
        String term = System.getenv("TERM");
        return "1".equals(System.getenv("CAPSTAN_TERMINAL")) && term != null && !term.equals("dumb");
    }

    @Override
    public synchronized void warning(String text) {
        out.println("capstan: warning: " + text);
        out.flush();
        drawn = 0; // live lines are drawn afresh below the warning
    }

    @Override
    public synchronized void update(String service, String state, String detail) {
        String text = String.format("%-24s %-16s %s", service, state, detail).stripTrailing();
        if (!live) {
            out.println(LocalTime.now().format(TIME) + " " + text);
            out.flush();
            return;
        }
        lines.put(service, text);
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "F");
        }
        for (String line : lines.values()) {
            out.print("\u001b[2K" + line + "\n");
        }
        drawn = lines.size();
        out.flush();
    }
}
