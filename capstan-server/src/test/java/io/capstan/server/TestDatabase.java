package io.capstan.server;

import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A database for one test's store: SQLite in the test's directory, or a schema of its own on the PostgreSQL the test
 * command starts (scripts/postgres.sh). {@link #open()} opens the same database each time, as a restarted control
 * plane would; {@link #drop()} removes it.
 */
final class TestDatabase {
    static final String POSTGRES = System.getProperty("capstan.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/capstan_test");

    private final String kind;
    private final Path dir;
    private final String schema = "capstan_it_" + UUID.randomUUID().toString().substring(0, 8);
    private boolean created;

    /** @param kind {@code sqlite} or {@code postgresql} */
    TestDatabase(String kind, Path dir) {
        if (!kind.equals("sqlite") && !kind.equals("postgresql")) {
            throw new IllegalArgumentException("no test database '" + kind + "': sqlite or postgresql");
        }
        this.kind = kind;
        this.dir = dir;
    }

    Store open() {
        if (kind.equals("sqlite")) {
            return Stores.sqlite(dir.resolve("capstan.db"));
        }
        if (!created) {
            sql("CREATE SCHEMA " + schema);
            created = true;
        }
        return Stores.open(POSTGRES + "?currentSchema=" + schema, "capstan", "capstan");
    }

    void drop() {
        if (created) {
            sql("DROP SCHEMA " + schema + " CASCADE");
            created = false;
        }
    }

    private static void sql(String statement) {
        try (Connection c = DriverManager.getConnection(POSTGRES, "capstan", "capstan")) {
            c.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable (the test command starts it with "
                    + "scripts/postgres.sh): " + e.getMessage(), e);
        }
    }
}
