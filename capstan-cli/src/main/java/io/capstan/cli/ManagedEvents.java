package io.capstan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.error.InvalidSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/**
 * {@code capstan managed events}: the control plane's recorded events, oldest first; {@code -f} keeps asking for the
 * ones recorded since, once a second, until interrupted.
 */
@Command(name = "events", description = "Show the recorded lifecycle events and the control plane's decisions "
        + "(all images, or one), oldest first; -f keeps printing new ones.",
        footer = {"", "Examples:", "  capstan managed events capstan-busybox:test",
                "  capstan managed events -f --tail 0"})
final class ManagedEvents implements Runnable {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Cli cli;
    @Mixin ManagedCommand.Api api;
    @Mixin OutputFormat format;
    @Option(names = {"-f", "--follow"}, description = "Keep printing events as they are recorded.")
    boolean follow;
    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "100",
            description = "Start with the last N events (default: ${DEFAULT-VALUE}).")
    int tail;
    @Parameters(paramLabel = "IMAGE", arity = "0..1") String image;

    ManagedEvents(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        if (tail < 0) {
            throw new InvalidSpecException("--tail " + tail + ": expected how many of the last events, a whole number "
                    + ">= 0");
        }
        ApiClient client = api.client();
        String filter = image == null ? "" : "&image=" + ApiClient.segment(image);
        // --tail 0 shows none of the past: ask for the newest one only to learn where following starts.
        JsonNode first = client.get("/events?limit=" + Math.max(tail, 1) + filter);
        JsonNode events = tail == 0 ? Json.mapper().createArrayNode() : first.path("events");
        if (!follow) {
            if (format.json()) {
                Json.print(cli.out(), events);
            } else {
                Table table = Table.of("TIME", "EVENT", "NAME", "IMAGE", "STATUS");
                events.forEach(e -> row(table, e));
                table.print(cli.out());
            }
            return;
        }
        events.forEach(this::printLine);
        long last = first.path("last_id").asLong();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            JsonNode more;
            try {
                more = client.get("/events?after=" + last + "&limit=1000" + filter);
            } catch (io.capstan.core.error.CapstanException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // stopped while asking: what was printed is the answer
                }
                throw e;
            }
            more.path("events").forEach(this::printLine);
            last = more.path("last_id").asLong(last);
        }
    }

    private static void row(Table table, JsonNode e) {
        table.row(e.path("ts").asText(), e.path("event").asText(), e.path("name").asText(""),
                e.path("image").asText(""), e.path("status").asText(""));
    }

    /** Following prints as events come: one line each (one JSON object a line with --format json). */
    private void printLine(JsonNode e) {
        if (format.json()) {
            try {
                cli.out().println(Json.mapper().copy().disable(com.fasterxml.jackson.databind.SerializationFeature
                        .INDENT_OUTPUT).writeValueAsString(e));
            } catch (JsonProcessingException x) {
                throw new IllegalStateException("cannot write JSON: " + x.getOriginalMessage(), x);
            }
        } else {
            cli.out().println(String.join("  ", e.path("ts").asText(), e.path("event").asText(),
                    e.path("name").asText(e.path("image").asText("")), e.path("status").asText("")));
        }
        cli.out().flush();
    }
}
