package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan server} on a network address: reads are open only if the user says so (no engine needed here). */
class ServerExposureTest {
    @TempDir
    Path dir;

    @Test
    void aNetworkBindWithoutAuthReadsOrPublicReadsIsRefusedNamingBothAndNothingIsMade() {
        CliRunner.Result result = CliRunner.withEngineDown(dir.resolve("docker.sock").toString())
                .run("server", "--data-dir", dir.resolve("data").toString(), "--bind", "0.0.0.0");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.FAILED);
        assertThat(result.errLines()).containsExactly("capstan: --bind 0.0.0.0 exposes the API to the network: add "
                + "--auth-reads (every read needs a token) or --public-reads (anyone who can reach it reads it)");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
