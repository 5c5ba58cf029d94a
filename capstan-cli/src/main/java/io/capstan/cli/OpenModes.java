package io.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The server's own files that an older Capstan (or a umask) left open to the group or others: the data directory,
 * {@code server.log} and the SQLite database. New ones are made owner-only; existing ones are kept as they are, so the
 * server says at start which to narrow and how. (Token files with such modes are refused outright.)
 */
final class OpenModes {
    private static final Set<PosixFilePermission> OWNER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private OpenModes() {
    }

    /** One warning per file that exists and others may use, each with the command that fixes it. */
    static List<String> warnings(Path data, Path sqliteFile) {
        List<String> warnings = new ArrayList<>();
        check(data, "700", warnings);
        check(data.resolve("server.log"), "600", warnings);
        if (sqliteFile != null) {
            check(sqliteFile, "600", warnings);
        }
        return warnings;
    }

    private static void check(Path path, String mode, List<String> warnings) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return; // missing (it is made owner-only) or not a POSIX file system
        }
        if (!OWNER.containsAll(permissions)) {
            warnings.add(path + " may be read by others (mode " + PosixFilePermissions.toString(permissions)
                    + "): run 'chmod " + mode + " " + path + "'");
        }
    }
}
