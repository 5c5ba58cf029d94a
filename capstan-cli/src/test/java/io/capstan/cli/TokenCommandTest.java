package io.capstan.cli;

import io.capstan.server.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan token create|ls|revoke|rotate-admin} on a data directory, without a server. */
class TokenCommandTest {
    @TempDir
    Path dir;

    private CliRunner.Result token(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "token";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--data-dir";
        full[args.length + 2] = dir.toString();
        return CliRunner.withEngineDown(dir.resolve("docker.sock").toString()).run(full);
    }

    @Test
    void tokensAreListedWithoutTheirSecretRevokedByIdAndTheAdminTokenRotated() throws Exception {
        Tokens.open(dir, file -> { });
        String admin = Files.readString(dir.resolve(Tokens.ADMIN_FILE)).strip();
        String readOnly = token("create", "--read-only").out().strip();

        CliRunner.Result ls = token("ls");
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.out().lines().toList()).hasSize(3);
        assertThat(ls.out().lines().findFirst().orElseThrow()).matches("ID\\s+ROLE\\s+CREATED\\s+LAST USED");
        assertThat(ls.out()).containsPattern("(?m)^admin\\s+admin\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+never$")
                .containsPattern("(?m)^[0-9a-f]{12}\\s+read-only\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+never$")
                .doesNotContain(readOnly, admin, readOnly.substring(4, 16));
        String id = ls.out().lines().filter(l -> l.contains("read-only")).findFirst().orElseThrow().split("\\s+")[0];

        CliRunner.Result revoked = token("revoke", id);
        assertThat(revoked.out()).isEqualTo("revoked " + id + "\n");
        assertThat(token("ls").out()).doesNotContain(id);
        CliRunner.Result again = token("revoke", id);
        assertThat(again.exitCode()).isEqualTo(Main.FAILED);
        assertThat(again.errLines()).containsExactly("capstan: no token has the id '" + id + "' (see 'capstan token ls')");

        CliRunner.Result rotated = token("rotate-admin");
        assertThat(rotated.out()).isEqualTo("the new admin token is in " + dir.resolve(Tokens.ADMIN_FILE) + " (mode 0600)\n");
        assertThat(Files.readString(dir.resolve(Tokens.ADMIN_FILE)).strip()).startsWith("cap_").isNotEqualTo(admin);
    }
}
