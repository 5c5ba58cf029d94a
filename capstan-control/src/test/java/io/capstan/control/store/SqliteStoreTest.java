package io.capstan.control.store;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract on the embedded SQLite default. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store open() {
        // The default file's directory is made (a --db path's must exist: DatabaseLocationTest).
        return Stores.sqlite(dir.resolve("data/capstan.db"));
    }

    @Override
    protected Store reopen() {
        return open();
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/capstan.db"));
    }

    @Test
    void theDatabaseIsInWalModeAndTheDirectoryIsCreated() throws SQLException {
        assertThat(store.location()).isEqualTo(dir.resolve("data/capstan.db").toString());
        try (Connection c = rawConnection(); var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void theDataDirectoryAndTheDatabaseFilesAreOwnerOnly() throws Exception {
        try (Connection c = rawConnection()) {
            c.createStatement().execute("CREATE TABLE owner_only_check (x INTEGER)");
        }
        assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("data/capstan.db"))).isEqualTo("rw-------");
        assertThat(dir.resolve("data/capstan.db-wal")).exists();
        assertThat(mode(dir.resolve("data/capstan.db-wal"))).as("SQLite gives the WAL the database's mode")
                .isEqualTo("rw-------");
    }

    private static String mode(Path file) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file));
    }

    @Test
    void otherJdbcUrlsAreRefused() {
        assertThatThrownBy(() -> Stores.open("jdbc:mysql://x/y", null, null)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("SQLite or PostgreSQL only");
    }
}
