package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.Table;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.function.Function;

/** {@code --format table|json|yaml} for the {@code capstan k8s} commands; YAML has the same keys as JSON. */
final class KubeFormat {
    enum Kind { table, json, yaml }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Kind kind = Kind.table;

    /** Prints {@code items} as a table with {@code headers} and a row of cells per item, or as JSON or YAML. */
    <T> void print(Cli cli, Object data, List<T> items, List<String> headers, Function<T, List<Object>> row) {
        switch (kind) {
            case json -> Json.print(cli.out(), data);
            case yaml -> {
                Object plain = Json.mapper().convertValue(data, Object.class);
                cli.out().print(new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).build())
                        .dumpToString(plain));
                cli.out().flush();
            }
            case table -> {
                Table table = Table.of(headers.toArray(String[]::new));
                items.forEach(item -> table.row(row.apply(item).toArray()));
                table.print(cli.out());
            }
        }
    }

    <T> void printList(Cli cli, List<T> items, List<String> headers, Function<T, List<Object>> row) {
        print(cli, items, items, headers, row);
    }

    <T> void printOne(Cli cli, T item, List<String> headers, Function<T, List<Object>> row) {
        print(cli, item, List.of(item), headers, row);
    }
}
