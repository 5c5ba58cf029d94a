package io.capstan.control.store;

import io.capstan.core.error.InvalidSpecException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What {@code --db} names, checked before anything opens it: a SQLite file in a directory that exists, or a PostgreSQL
 * JDBC URL. Anything else (another database's URL, a directory that is not there) is refused with the reason, so that
 * a typo never becomes a database file of that name or a directory tree.
 *
 * @param sqliteFile    the SQLite file, or null for PostgreSQL
 * @param postgresUrl   the {@code jdbc:postgresql:} URL, or null for SQLite
 */
public record DatabaseLocation(Path sqliteFile, String postgresUrl) {
    private static final String POSTGRES = "jdbc:postgresql:";
    /** A URL scheme ({@code mysql:}, {@code postgresql:}, {@code jdbc:}): never a file name Capstan should make. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final String EXPECTED = "expected a SQLite file path in an existing directory, or "
            + "jdbc:postgresql://HOST:PORT/DATABASE";

    /** The default: SQLite in the data directory, which is made when missing. */
    public static DatabaseLocation defaultFile() {
        return new DatabaseLocation(Stores.defaultFile(), null);
    }

    /** Reads {@code --db}; null is the default file. */
    public static DatabaseLocation parse(String db) {
        if (db == null) {
            return defaultFile();
        }
        String value = db.strip();
        String shown = masked(db);
        if (value.isEmpty()) {
            throw new InvalidSpecException("--db is empty: " + EXPECTED);
        }
        if (value.startsWith(POSTGRES)) {
            if (!value.startsWith(POSTGRES + "//") || value.length() == (POSTGRES + "//").length()) {
                throw new InvalidSpecException("--db '" + shown + "': expected jdbc:postgresql://HOST:PORT/DATABASE");
            }
            return new DatabaseLocation(null, value);
        }
        if (value.startsWith("postgresql:") || value.startsWith("postgres:")) {
            throw new InvalidSpecException("--db '" + shown + "': Capstan takes PostgreSQL as a JDBC URL, such as "
                    + "jdbc:postgresql://127.0.0.1:5432/capstan (user and password with --db-user and --db-password)");
        }
        if (SCHEME.matcher(value).find()) {
            throw new InvalidSpecException("--db '" + shown + "': Capstan stores into SQLite or PostgreSQL only; " + EXPECTED);
        }
        Path file;
        try {
            file = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidSpecException("--db '" + shown + "': not a file path (" + e.getReason() + "); " + EXPECTED);
        }
        if (Files.isDirectory(file)) {
            throw new InvalidSpecException("--db '" + shown + "' is a directory: " + EXPECTED + ", such as "
                    + file.resolve("capstan.db"));
        }
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new InvalidSpecException("--db '" + shown + "': there is no directory " + directory + " (Capstan makes "
                    + "the database file, not its directory: create it first, or give another path)");
        }
        return new DatabaseLocation(file, null);
    }

    public boolean postgres() {
        return postgresUrl != null;
    }

    /** Where the data will be, for messages. */
    @Override
    public String toString() {
        return postgres() ? masked(postgresUrl) : sqliteFile.toString();
    }

    /** {@code value} with the password of {@code user:password@} and of {@code password=} replaced by ***. */
    static String masked(String value) {
        return value.replaceAll("(?i)(password=)[^&;]*", "$1***")
                .replaceAll("(//[^/@:?#]*:)[^/@?#]*@", "$1***@");
    }
}
