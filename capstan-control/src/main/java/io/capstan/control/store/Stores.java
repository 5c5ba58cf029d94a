package io.capstan.control.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.capstan.core.error.EngineException;
import io.capstan.core.files.OwnerOnly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Opens the store named by {@code --db}: a file path for SQLite (the default), or a PostgreSQL JDBC URL. */
public final class Stores {
    private Stores() {
    }

    /** The default database file, in {@link #defaultDataDir()}. */
    public static Path defaultFile() {
        return defaultDataDir().resolve("capstan.db");
    }

    /** Where the database, the tokens and a background server's log live by default. */
    public static Path defaultDataDir() {
        return defaultDataDir(System.getenv());
    }

    /**
     * {@code $XDG_DATA_HOME/capstan}, else {@code $HOME/.local/share/capstan}, as the XDG base directory spec says:
     * a relative {@code XDG_DATA_HOME} is ignored. Without {@code HOME}, the account's home directory.
     */
    public static Path defaultDataDir(Map<String, String> environment) {
        String data = environment.get("XDG_DATA_HOME");
        if (data != null && Path.of(data).isAbsolute()) {
            return Path.of(data, "capstan");
        }
        String home = environment.get("HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return base.resolve(".local").resolve("share").resolve("capstan");
    }

    /**
     * @param db       null for the default SQLite file, a path, or {@code jdbc:postgresql://host:port/db}
     * @param user     PostgreSQL user (null: from the URL or {@code PGUSER})
     * @param password PostgreSQL password (null: from the URL or {@code PGPASSWORD})
     */
    public static Store open(String db, String user, String password) {
        return open(DatabaseLocation.parse(db), user, password);
    }

    /** Opens a location {@link DatabaseLocation#parse(String)} has checked. */
    public static Store open(DatabaseLocation location, String user, String password) {
        return location.postgres() ? postgres(location.postgresUrl(), user, password) : sqlite(location.sqliteFile());
    }

    public static Store sqlite(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            // The data directory and the database are owner-only from the start (SQLite gives its -wal and -shm
            // files the database file's mode).
            OwnerOnly.directory(absolute.getParent());
            OwnerOnly.file(absolute);
        } catch (IOException e) {
            throw new EngineException("cannot create the directory for the database " + absolute + ": " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + absolute);
        // WAL lets readers go on while one connection writes; busy_timeout waits for the writer instead of failing.
        config.setConnectionInitSql("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;");
        config.setMaximumPoolSize(4);
        config.setPoolName("capstan-sqlite");
        return new JdbcStore(new HikariDataSource(config), JdbcStore.Dialect.SQLITE, absolute.toString());
    }

    public static Store postgres(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        String u = user != null ? user : System.getenv("PGUSER");
        String p = password != null ? password : System.getenv("PGPASSWORD");
        if (u != null) {
            config.setUsername(u);
        }
        if (p != null) {
            config.setPassword(p);
        }
        config.addDataSourceProperty("stringtype", "unspecified"); // text parameters into jsonb and timestamptz columns
        config.setMaximumPoolSize(8);
        config.setInitializationFailTimeout(2_000);
        // A request that needs the database fails within 3 s while it is down, rather than hanging for Hikari's 30 s.
        config.setConnectionTimeout(3_000);
        config.setPoolName("capstan-postgres");
        String location = url.replaceAll("password=[^&]*", "password=***");
        try {
            return new JdbcStore(new HikariDataSource(config), JdbcStore.Dialect.POSTGRESQL, location);
        } catch (RuntimeException e) {
            if (e instanceof EngineException) {
                throw e;
            }
            throw new EngineException("cannot connect to the database at " + location + ": " + e.getMessage(), e);
        }
    }
}
