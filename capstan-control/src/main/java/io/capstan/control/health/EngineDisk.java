package io.capstan.control.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The disk holding the engine's data (the root disk when the engine's directory is not on this host). */
public record EngineDisk(String path, long total, long free) {
    private static final Path ENGINE_ROOT = Path.of("/var/lib/docker");

    public static EngineDisk measure() {
        Path path = Files.isDirectory(ENGINE_ROOT) ? ENGINE_ROOT : Path.of("/");
        try {
            FileStore store = Files.getFileStore(path);
            return new EngineDisk(path.toString(), store.getTotalSpace(), store.getUsableSpace());
        } catch (IOException e) {
            return new EngineDisk(path.toString(), 0, 0);
        }
    }

    public long used() {
        return total - free;
    }

    public double percent() {
        return Percent.of(used(), total);
    }
}
