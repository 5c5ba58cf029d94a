package io.capstan.control.store;

import io.capstan.core.error.EngineException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store contract on the real PostgreSQL the test command starts (scripts/postgres.sh), each run in a schema
 * of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreIT extends StoreContract {
    private static final String SERVER = System.getProperty("capstan.test.postgres", "jdbc:postgresql://127.0.0.1:5432/capstan_test");
    private String schema;

    @BeforeAll
    void createSchema() throws SQLException {
        schema = "capstan_it_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(SERVER, "capstan", "capstan")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterAll
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "capstan", "capstan")) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private String url() {
        return SERVER + "?currentSchema=" + schema;
    }

    @Override
    protected Store open() {
        try (Connection c = DriverManager.getConnection(SERVER, "capstan", "capstan")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable (the test command starts it): " + e.getMessage(), e);
        }
        return Stores.open(url(), "capstan", "capstan");
    }

    @Override
    protected Store reopen() {
        return Stores.open(url(), "capstan", "capstan");
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(url(), "capstan", "capstan");
    }

    @Test
    void aWrongPasswordIsOneClearError() {
        assertThatThrownBy(() -> Stores.open(url(), "capstan", "wrong"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("cannot")
                .hasMessageContaining("password authentication failed");
    }
}
