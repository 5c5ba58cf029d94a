package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad values of {@code capstan server} and {@code capstan managed} options: one line naming the value and what is
 * expected, no Java in it, and nothing started, created or sent (no engine and no server answer here).
 */
class ServerAndManagedOptionsTest {
    @TempDir
    Path dir;

    private CliRunner.Result run(String... args) {
        return CliRunner.withEngineDown(dir.resolve("docker.sock").toString()).run(args);
    }

    private CliRunner.Result server(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "server";
        full[1] = "--data-dir";
        full[2] = dir.resolve("data").toString();
        System.arraycopy(args, 0, full, 3, args.length);
        return run(full);
    }

    private static void oneLine(CliRunner.Result result, int exit, String line) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exit);
        assertThat(result.errLines()).containsExactly(line);
        assertThat(result.err()).doesNotContain("java.", "Exception", "not an int");
    }

    @Test
    void credentialsComeFromAFileAndAMissingOrDoubleOneIsOneLine() throws Exception {
        Path missing = dir.resolve("no-such-password");
        oneLine(server("--db-password-file", missing.toString()), Main.FAILED,
                "capstan: --db-password-file " + missing + ": there is no such file");
        Path empty = Files.writeString(dir.resolve("empty"), "");
        oneLine(server("--db-password-file", empty.toString()), Main.FAILED,
                "capstan: --db-password-file " + empty + ": the file is empty; expected the secret on its first line");
        Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
        oneLine(server("--db-password", "s3cret", "--db-password-file", password.toString()), Main.FAILED,
                "capstan: give --db-password or --db-password-file, not both");
        assertThat(dir.resolve("data")).doesNotExist();
        oneLine(run("managed", "ls", "--token-file", missing.toString()), Main.FAILED,
                "capstan: --token-file " + missing + ": there is no such file");
    }

    @Test
    void anAdminTokenOthersMayReadStopsTheServerBeforeItOpensAnything() throws Exception {
        Path data = dir.resolve("data");
        io.capstan.server.Tokens.open(data, file -> { });
        Path admin = data.resolve(io.capstan.server.Tokens.ADMIN_FILE);
        Files.setPosixFilePermissions(admin, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path db = dir.resolve("server.db");
        oneLine(server("--db", db.toString()), Main.FAILED,
                "capstan: " + admin + " may be read by others (mode rw-r--r--): run 'chmod 600 " + admin + "'");
        assertThat(db).doesNotExist();
    }

    @Test
    void serverPortAndBindAreCheckedFirst() {
        oneLine(server("--port", "99999"), Main.FAILED,
                "capstan: --port 99999: expected a TCP port 1-65535 (or 0 for any free one)");
        oneLine(server("--port", "abc"), Main.USAGE, "capstan: Invalid value for option '--port': 'abc' is not a whole number");
        oneLine(server("--bind", "999.1.1.1"), Main.FAILED,
                "capstan: --bind 999.1.1.1: not an IPv4 address (four numbers 0-255, such as 127.0.0.1 or 0.0.0.0)");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aTargetOtherThanTheEngineSwarmOrKubernetesIsOneLineAndNothingIsMade() {
        oneLine(server("--target", "nomad"), Main.FAILED,
                "capstan: --target: expected engine, swarm or kubernetes, got 'nomad'");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aDbThatIsNeitherAFileNorPostgresIsRefusedAndNothingIsMade() {
        oneLine(server("--db", "mysql://x"), Main.FAILED, "capstan: --db 'mysql://x': Capstan stores into SQLite or "
                + "PostgreSQL only; expected a SQLite file path in an existing directory, or "
                + "jdbc:postgresql://HOST:PORT/DATABASE");
        assertThat(Path.of("mysql:")).doesNotExist();
        Path missing = dir.resolve("nonexistent").resolve("x.db");
        CliRunner.Result noDir = server("--db", missing.toString());
        oneLine(noDir, Main.FAILED, "capstan: --db '" + missing + "': there is no directory " + missing.getParent()
                + " (Capstan makes the database file, not its directory: create it first, or give another path)");
        assertThat(missing.getParent()).doesNotExist();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void managedOptionsNameTheValueAndWhatIsExpected() throws Exception {
        oneLine(run("managed", "ls", "--url", "127.0.0.1:18700"), Main.FAILED, "capstan: --url '127.0.0.1:18700': "
                + "expected the control plane's address as http://HOST:PORT, such as http://127.0.0.1:18700");
        oneLine(run("managed", "run", "--url", "http://127.0.0.1:1", "-p", "80=abc", "img"), Main.FAILED,
                "capstan: -p '80=abc': the host port 'abc' is not a port number (1-65535, or 0 for any free one)");
        oneLine(run("managed", "run", "--url", "http://127.0.0.1:1", "--count", "-1", "img"), Main.FAILED,
                "capstan: --count -1: expected how many containers to make, a whole number of at least 1");
        oneLine(run("managed", "run", "--url", "http://127.0.0.1:1", "--count", "two", "img"), Main.USAGE,
                "capstan: Invalid value for option '--count': 'two' is not a whole number");
        oneLine(run("managed", "logs", "--url", "http://127.0.0.1:1", "--tail", "-3", "web"), Main.FAILED,
                "capstan: --tail -3: expected how many of the last lines, a whole number >= 0");
        oneLine(run("managed", "ls", "--url", "http://127.0.0.1:1"), Main.FAILED, "capstan: no control plane answers at "
                + "http://127.0.0.1:1/ (connection refused): start one with 'capstan server', or point "
                + "--url/CAPSTAN_URL at it");
        assertThat(Files.list(dir)).isEmpty();
    }
}
