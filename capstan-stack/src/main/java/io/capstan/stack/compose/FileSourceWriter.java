package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes the value of every {@code environment:} and {@code content:} secret or config a service mounts into its
 * host file: in a directory only its owner may enter, the file with the mount's mode (0444 by default, as Compose)
 * and owner. Each file is written beside its final name and moved over it, so a container never reads half a value.
 */
final class FileSourceWriter {
    private FileSourceWriter() {
    }

    static void write(ComposeProject project) {
        Map<Path, FileMount> files = new LinkedHashMap<>();
        project.services().values().forEach(s -> s.files().stream()
                .filter(m -> !m.hostFile().equals(source(project, m).file())).forEach(m -> files.put(m.hostFile(), m)));
        files.forEach((path, mount) -> write(path, mount, source(project, mount).value()));
    }

    private static FileSource source(ComposeProject project, FileMount mount) {
        return (mount.kind() == FileSource.Kind.SECRET ? project.secrets() : project.configs()).get(mount.source());
    }

    private static void write(Path path, FileMount mount, String value) {
        try {
            Path dir = path.getParent();
            Files.createDirectories(dir);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
            Files.setPosixFilePermissions(dir.getParent(), ownerOnly);
            Files.setPosixFilePermissions(dir, ownerOnly);
            Path temp = Files.createTempFile(dir, ".writing-", "", PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            try {
                Files.writeString(temp, value, StandardCharsets.UTF_8);
                if (mount.uid() != null) {
                    Files.setAttribute(temp, "unix:uid", Integer.parseInt(mount.uid()));
                }
                if (mount.gid() != null) {
                    Files.setAttribute(temp, "unix:gid", Integer.parseInt(mount.gid()));
                }
                Files.setPosixFilePermissions(temp, permissions(mount.mode() == null ? 0444 : mount.mode()));
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException("cannot write " + mount.kind().singular() + " '" + mount.source() + "' to " + path
                    + ": " + e.getMessage() + (mount.uid() != null || mount.gid() != null
                    ? " (giving a file to another uid or gid needs Capstan to run as root)" : ""), e);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                result.add(bits[i]);
            }
        }
        return result;
    }
}
