package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.engine.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A secret or config file that cannot be read is refused in one line saying why. */
class StoredObjectsTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatCannotBeReadIsRefusedSayingWhy() {
        try (Cli cli = new Cli(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Engines.of())) {
            assertThatThrownBy(() -> StoredObjects.read(cli, "secret", dir.toString()))
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessage("secret file '" + dir + "': cannot read it: is a directory");
        }
    }

    @Test
    void aPermissionProblemIsSaidInWords() {
        assertThat(ReadFailures.inWords(new AccessDeniedException("/run/secrets/db"))).isEqualTo("permission denied");
    }
}
