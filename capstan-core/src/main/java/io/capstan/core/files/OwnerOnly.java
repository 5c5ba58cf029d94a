package io.capstan.core.files;

import io.capstan.core.error.ConfigException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: the data directory (0700), the database, the log and the token files (0600). Each
 * is created with its mode, never widened and narrowed afterwards, and never written through a symbolic link.
 */
public final class OwnerOnly {
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /** Makes {@code dir} (mode 0700) when it is missing; missing parents get the usual modes. */
    public static Path directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, DIRECTORY);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
        }
        return dir;
    }

    /** Makes an empty {@code file} (mode 0600) when nothing is at its path; an existing file is left as it is. */
    public static void file(Path file) throws IOException {
        try {
            Files.createFile(file, FILE); // O_CREAT|O_EXCL: a link at the path is not followed
        } catch (FileAlreadyExistsException exists) {
            // kept: its owner chose its mode
        }
    }

    /**
     * Replaces {@code file} with {@code content}: written to a new owner-only file in the same directory and moved
     * over the path, so that a symbolic link there is replaced rather than followed and no reader sees half of it.
     */
    public static void write(Path file, String content) throws IOException {
        Path dir = directory(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", FILE);
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a file that holds secrets: refused, with the command that fixes it, when it is a symbolic link or when
     * its group or others may use it.
     */
    public static String readPrivate(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new ConfigException(file + " is a symbolic link; Capstan reads its tokens only from a file of its "
                    + "own: remove the link (rm " + file + ")");
        }
        if (attributes.permissions().stream().anyMatch(OTHERS::contains)) {
            throw new ConfigException(file + " may be read by others (mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + "): run 'chmod 600 " + file + "'");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) > 0) {
                bytes.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
