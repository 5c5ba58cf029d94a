package io.capstan.control.store;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What --db accepts, and how it refuses the rest before any file or directory is made. */
class DatabaseLocationTest {
    @TempDir
    Path dir;

    @Test
    void aFileInAnExistingDirectoryIsSqlite() {
        DatabaseLocation db = DatabaseLocation.parse(dir.resolve("capstan.db").toString());
        assertThat(db.postgres()).isFalse();
        assertThat(db.sqliteFile()).isEqualTo(dir.resolve("capstan.db"));
    }

    @Test
    void aPostgresJdbcUrlIsPostgres() {
        DatabaseLocation db = DatabaseLocation.parse("jdbc:postgresql://127.0.0.1:5432/capstan?password=secret");
        assertThat(db.postgres()).isTrue();
        assertThat(db.toString()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/capstan?password=***");
    }

    @Test
    void anotherDatabasesUrlIsRefusedNotTakenForAFileName() {
        assertThatThrownBy(() -> DatabaseLocation.parse("mysql://x")).isInstanceOf(InvalidSpecException.class)
                .hasMessage("--db 'mysql://x': Capstan stores into SQLite or PostgreSQL only; expected a SQLite file "
                        + "path in an existing directory, or jdbc:postgresql://HOST:PORT/DATABASE");
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:mysql://localhost/x")).hasMessageStartingWith(
                "--db 'jdbc:mysql://localhost/x': Capstan stores into SQLite or PostgreSQL only");
        assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://127.0.0.1/capstan"))
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:5432/capstan");
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:postgresql:capstan"))
                .hasMessage("--db 'jdbc:postgresql:capstan': expected jdbc:postgresql://HOST:PORT/DATABASE");
        assertThat(Path.of("mysql:")).doesNotExist();
    }

    @Test
    void aMissingDirectoryIsRefusedAndNotCreated() {
        Path missing = dir.resolve("nonexistent").resolve("x.db");
        assertThatThrownBy(() -> DatabaseLocation.parse(missing.toString())).isInstanceOf(InvalidSpecException.class)
                .hasMessage("--db '" + missing + "': there is no directory " + missing.getParent() + " (Capstan makes "
                        + "the database file, not its directory: create it first, or give another path)");
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void aDirectoryIsNotADatabaseFile() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        assertThatThrownBy(() -> DatabaseLocation.parse(dir.resolve("data").toString()))
                .hasMessageContaining("is a directory").hasMessageContaining(dir.resolve("data/capstan.db").toString());
        assertThatThrownBy(() -> DatabaseLocation.parse(" ")).hasMessageStartingWith("--db is empty");
    }

    @Test
    void refusalsNeverPrintAPassword() {
        assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://capstan:s3cret@db.local/capstan"))
                .hasMessageStartingWith("--db 'postgresql://capstan:***@db.local/capstan': ")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> DatabaseLocation.parse("mysql://root:s3cret@db/x?password=other"))
                .hasMessageStartingWith("--db 'mysql://root:***@db/x?password=***': ")
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("other");
        assertThat(DatabaseLocation.parse("jdbc:postgresql://u:s3cret@127.0.0.1/capstan").toString())
                .isEqualTo("jdbc:postgresql://u:***@127.0.0.1/capstan");
    }
}
