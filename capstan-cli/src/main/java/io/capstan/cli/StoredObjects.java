package io.capstan.cli;

import io.capstan.cli.output.Ages;
import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.workload.StoredObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What {@code swarm secret} and {@code swarm config} share: reading the content, listing. */
final class StoredObjects {
    private StoredObjects() {
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
}
