package io.capstan.stack.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where a new build is written and how it replaces the previous one. Usually the new build is a directory beside
 * the build directory that replaces it by a rename. A build directory that is a mount point (a tmpfs, a bind mount)
 * cannot be renamed, and its sibling lies on another file system: then the new build is written inside it, so that
 * a full disk is met while writing, and swapped in entry by entry.
 */
final class BuildSwap {
    private static final String NEW = ".capstan-new-";
    private static final String OLD = ".capstan-old-";
    /**
     * A run that was killed (SIGKILL, or Ctrl-C while writing) leaves its temporary directory behind. One this old
     * belongs to no run still writing: a run's temporaries live for as long as it generates.
     */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private final Path buildDir;
    private final boolean mountPoint;

    BuildSwap(Path buildDir) {
        this.buildDir = buildDir;
        this.mountPoint = isMountPoint(buildDir);
    }

    /** A fresh directory, on the build directory's file system, for the new build. */
    Path staging() {
        removeLeftovers();
        return mountPoint ? buildDir.resolve(NEW + UUID.randomUUID()) : sibling(NEW);
    }

    /** Where the new build lies relative to the build directory once swapped in. */
    Path relativize(Path staging, Path written) {
        return buildDir.resolve(staging.relativize(written));
    }

    void replace(Path staging) throws IOException {
        if (mountPoint) {
            replaceEntries(staging);
        } else {
            replaceDirectory(staging);
        }
    }

    private void replaceDirectory(Path staging) throws IOException {
        Path old = null;
        if (Files.exists(buildDir)) {
            old = sibling(OLD);
            Files.move(buildDir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, buildDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, buildDir, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (old != null) {
            BuildWriter.deleteQuietly(old);
        }
    }

    /**
     * Moves every old entry (leftovers of an interrupted run included) into one directory, then the new entries
     * up; each move is a rename on one file system. A failing move puts the old entries back. The marker stays
     * until the new one replaces it, so that a run killed halfway leaves a directory the next run may replace.
     */
    private void replaceEntries(Path staging) throws IOException {
        Path old = Files.createDirectory(buildDir.resolve(OLD + UUID.randomUUID()));
        List<Path> moved = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        try {
            for (Path entry : entries(buildDir)) {
                if (!entry.equals(staging) && !entry.equals(old) && !entry.getFileName().toString().equals(BuildWriter.MARKER)) {
                    Files.move(entry, old.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    moved.add(entry);
                }
            }
            for (Path entry : entries(staging)) {
                Path target = buildDir.resolve(entry.getFileName());
                Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
                placed.add(target);
            }
            Files.setPosixFilePermissions(buildDir, Files.getPosixFilePermissions(staging));
        } catch (IOException e) {
            placed.forEach(BuildWriter::deleteQuietly);
            for (Path entry : moved) {
                Files.move(old.resolve(entry.getFileName()), entry, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        } finally {
            BuildWriter.deleteQuietly(old);
        }
    }

    private void removeLeftovers() {
        Path dir = mountPoint ? buildDir : buildDir.toAbsolutePath().getParent();
        String prefix = mountPoint ? "" : "." + buildDir.getFileName();
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        try {
            for (Path entry : entries(dir)) {
                String name = entry.getFileName().toString();
                if ((name.startsWith(prefix + NEW) || name.startsWith(prefix + OLD))
                        && Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                    BuildWriter.deleteQuietly(entry);
                }
            }
        } catch (IOException ignored) {
            // what cannot be listed is left for the next run
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    private Path sibling(String role) {
        return buildDir.resolveSibling("." + buildDir.getFileName() + role + UUID.randomUUID());
    }

    private static boolean isMountPoint(Path dir) {
        try {
            return Files.isDirectory(dir) && !Files.getFileStore(dir).equals(Files.getFileStore(dir.toAbsolutePath().getParent()));
        } catch (IOException e) {
            return false;
        }
    }
}
