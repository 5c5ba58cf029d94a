package io.capstan.cli.output;

import picocli.CommandLine.Option;

/** The {@code --format table|json} option, mixed into every command that prints data. */
public final class OutputFormat {
    public enum Kind { table, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Kind kind = Kind.table;

    public boolean json() {
        return kind == Kind.json;
    }
}
