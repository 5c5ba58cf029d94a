package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class OpenModesTest {
    @TempDir
    Path dir;

    @Test
    void eachFileOthersMayUseIsNamedWithTheChmodThatFixesIt() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-x---")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        Path log = Files.writeString(data.resolve("server.log"), "");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        Path db = Files.writeString(data.resolve("capstan.db"), "");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-rw----"));

        assertThat(OpenModes.warnings(data, db)).containsExactly(
                data + " may be read by others (mode rwxr-x---): run 'chmod 700 " + data + "'",
                log + " may be read by others (mode rw-r--r--): run 'chmod 600 " + log + "'",
                db + " may be read by others (mode rw-rw----): run 'chmod 600 " + db + "'");
    }

    @Test
    void ownerOnlyOrMissingFilesAreNotMentioned() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Path db = Files.writeString(data.resolve("capstan.db"), "");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));

        assertThat(OpenModes.warnings(data, db)).isEmpty();
        assertThat(OpenModes.warnings(dir.resolve("missing"), null)).isEmpty();
    }
}
