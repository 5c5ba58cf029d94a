package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.ProgressPrinter;
import io.capstan.cli.output.StatsCells;
import io.capstan.cli.output.Table;
import io.capstan.stack.run.ServiceStats;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code capstan CONFIG stats}: a table of the stack's running containers, refreshed until Ctrl-C (redrawn in place
 * on a terminal, one table after another otherwise); with {@code --no-stream} one table.
 */
final class StackStats {
    private final Cli cli;
    private final ServiceStats stats;

    StackStats(Cli cli, ServiceStats stats) {
        this.cli = cli;
        this.stats = stats;
    }

    int run(List<String> services, boolean stream, boolean json) throws InterruptedException {
        boolean redraw = stream && ProgressPrinter.terminal();
        int code;
        do {
            List<ServiceStats.Sample> samples = stats.sample(services);
            if (redraw) {
                cli.out().print("\033[H\033[2J");
            }
            code = print(samples, json);
            if (stream && !redraw) {
                cli.out().println();
            }
        } while (stream && !Thread.currentThread().isInterrupted());
        return code;
    }

    private int print(List<ServiceStats.Sample> samples, boolean json) {
        int code = 0;
        for (ServiceStats.Sample failed : samples) {
            if (failed.stats() == null) {
                cli.err().println("capstan: " + failed.container() + ": " + failed.error());
                code = Main.FAILED;
            }
        }
        List<ServiceStats.Sample> taken = samples.stream().filter(s -> s.stats() != null).toList();
        if (json) {
            Json.print(cli.out(), taken);
            return code;
        }
        List<String> headers = new ArrayList<>(List.of("SERVICE", "CONTAINER"));
        headers.addAll(StatsCells.HEADERS);
        Table table = Table.of(headers.toArray(String[]::new));
        for (ServiceStats.Sample s : taken) {
            List<Object> cells = new ArrayList<>(List.of(s.service(), s.container()));
            cells.addAll(StatsCells.of(s.stats()));
            table.row(cells.toArray());
        }
        table.print(cli.out());
        return code;
    }
}
