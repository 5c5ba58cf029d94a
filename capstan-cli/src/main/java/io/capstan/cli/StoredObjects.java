package io.capstan.cli;

import io.capstan.cli.output.Ages;
import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.workload.StoredObject;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** What {@code swarm secret} and {@code swarm config} share: create, list and remove differ only in their kind. */
final class StoredObjects {
    private StoredObjects() {
    }

    /** How a target stores one kind of object ({@code secret}, {@code config}). */
    record Kind(String noun, Creator creator, Function<Map<String, String>, List<StoredObject>> lister,
                Consumer<String> remover) {
    }

    @FunctionalInterface
    interface Creator {
        String create(String name, byte[] data, Map<String, String> labels);
    }

    /** Stores {@code file} (or standard input) as {@code name}, owned by Capstan, and prints its id. */
    static void create(Cli cli, Kind kind, String name, String file, Map<String, String> labels) {
        byte[] data = read(cli, kind.noun(), file);
        Map<String, String> all = new LinkedHashMap<>(Labels.owned());
        all.putAll(labels);
        cli.out().println(kind.creator().create(name, data, all));
    }

    static void list(Cli cli, Kind kind, OutputFormat format, Map<String, String> labels) {
        print(cli, format, kind.lister().apply(labels));
    }

    /** Removes each named object Capstan owns; the exit status says whether all went. */
    static int remove(Cli cli, Kind kind, List<String> names) {
        return EachRef.apply(cli, names, name -> {
            requireOwned(kind.noun(), name, kind.lister().apply(Labels.owned()), () -> kind.lister().apply(Map.of()));
            kind.remover().accept(name);
        });
    }

    /** The content of {@code file}, or standard input for {@code -}. */
    static byte[] read(Cli cli, String kind, String file) {
        try {
            if (file.equals("-")) {
                return cli.bytes().in().readAllBytes();
            }
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(kind + " file '" + file + "' not found: name a file, or - for standard input");
        } catch (IOException e) {
            throw new InvalidSpecException(kind + " file '" + file + "': cannot read it: " + ReadFailures.inWords(e));
        }
    }

    /** Refuses a name that is not among {@code owned}: as not Capstan's when {@code all} has it, else as missing. */
    static void requireOwned(String kind, String name, List<StoredObject> owned, Supplier<List<StoredObject>> all) {
        if (owned.stream().anyMatch(o -> o.name().equals(name) || o.id().equals(name))) {
            return;
        }
        if (all.get().stream().anyMatch(o -> o.name().equals(name) || o.id().equals(name))) {
            Ownership.require(kind, name, Map.of());
        }
        throw new NotFoundException(kind, name, kind + " '" + name + "' not found", null);
    }

    static void print(Cli cli, OutputFormat format, List<StoredObject> objects) {
        if (format.json()) {
            Json.print(cli.out(), objects);
            return;
        }
        Instant now = Instant.now();
        Table table = Table.of("ID", "NAME", "CREATED");
        objects.forEach(o -> table.row(SwarmLists.shortId(o.id()), o.name(), Ages.since(o.created(), now)));
        table.print(cli.out());
    }

    /** {@code create NAME FILE}: the shell each kind's create command extends with its own name and help. */
    abstract static class Create implements Runnable {
        private final Cli cli;
        private final Function<Cli, Kind> kind;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label on the ${PARENT-COMMAND-NAME}.")
        Map<String, String> labels = Map.of();
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "FILE", description = "The file to store, or - for standard input.")
        String file;

        Create(Cli cli, Function<Cli, Kind> kind) {
            this.cli = cli;
            this.kind = kind;
        }

        @Override
        public void run() {
            StoredObjects.create(cli, kind.apply(cli), name, file, labels);
        }
    }

    /** {@code ls}: the shell each kind's list command extends. */
    abstract static class Ls implements Runnable {
        private final Cli cli;
        private final Function<Cli, Kind> kind;
        @Mixin
        OutputFormat format;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Only ${PARENT-COMMAND-NAME}s with this label.")
        Map<String, String> labels = Map.of();

        Ls(Cli cli, Function<Cli, Kind> kind) {
            this.cli = cli;
            this.kind = kind;
        }

        @Override
        public void run() {
            StoredObjects.list(cli, kind.apply(cli), format, labels);
        }
    }

    /** {@code rm NAME...}: the shell each kind's remove command extends. */
    abstract static class Rm implements Callable<Integer> {
        private final Cli cli;
        private final Function<Cli, Kind> kind;
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        Rm(Cli cli, Function<Cli, Kind> kind) {
            this.cli = cli;
            this.kind = kind;
        }

        @Override
        public Integer call() {
            return StoredObjects.remove(cli, kind.apply(cli), names);
        }
    }
}
