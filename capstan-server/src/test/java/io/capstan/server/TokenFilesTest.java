package io.capstan.server;

import io.capstan.core.error.CapstanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The token files: owner-only, never written through a link, and tokens listed, revoked and rotated. */
class TokenFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theDataDirectoryAndTheTokenFilesAreMadeOwnerOnly() throws Exception {
        Path data = dir.resolve("fresh/capstan");
        Tokens.open(data, file -> { });
        Tokens.createReadOnly(data);
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve(Tokens.ADMIN_FILE))).isEqualTo("rw-------");
        assertThat(mode(data.resolve(Tokens.TOKENS_FILE))).isEqualTo("rw-------");
    }

    @Test
    void aTokenFileOthersMayReadIsRefusedWithTheCommandThatFixesIt() throws Exception {
        Tokens.open(dir, file -> { });
        Path admin = dir.resolve(Tokens.ADMIN_FILE);
        Files.setPosixFilePermissions(admin, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Tokens.open(dir, file -> { })).isInstanceOf(CapstanException.class)
                .hasMessage(admin + " may be read by others (mode rw-r--r--): run 'chmod 600 " + admin + "'");

        Files.setPosixFilePermissions(admin, PosixFilePermissions.fromString("rw-------"));
        Tokens.createReadOnly(dir);
        Path tokens = dir.resolve(Tokens.TOKENS_FILE);
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> Tokens.open(dir, file -> { }))
                .hasMessageEndingWith("run 'chmod 600 " + tokens + "'");
    }

    @Test
    void aLinkPlantedAtATokenFileIsNeitherFollowedNorWrittenThrough() throws Exception {
        Tokens.open(dir, file -> { });
        Path victim = Files.writeString(dir.resolveSibling(dir.getFileName() + "-victim"), "precious\n");
        Path tokens = Files.createSymbolicLink(dir.resolve(Tokens.TOKENS_FILE), victim);
        try {
            assertThatThrownBy(() -> Tokens.createReadOnly(dir)).isInstanceOf(CapstanException.class)
                    .hasMessageContaining(tokens + " is a symbolic link");
            assertThat(victim).hasContent("precious");

            // A link at the admin token's path is refused, whether its target exists or not.
            Files.delete(tokens);
            Path admin = dir.resolve(Tokens.ADMIN_FILE);
            Files.delete(admin);
            Files.createSymbolicLink(admin, victim);
            assertThatThrownBy(() -> Tokens.open(dir, file -> { })).hasMessageContaining(admin + " is a symbolic link");
            assertThat(victim).hasContent("precious");
            Path nowhere = dir.resolveSibling(dir.getFileName() + "-nowhere");
            Files.delete(admin);
            Files.createSymbolicLink(admin, nowhere);
            assertThatThrownBy(() -> Tokens.open(dir, file -> { })).hasMessageContaining(admin + " is a symbolic link");
            assertThat(nowhere).doesNotExist();
        } finally {
            Files.deleteIfExists(victim);
        }
    }

    @Test
    void tokensAreListedWithoutTheirSecretAndWhenTheyWereLastUsed() {
        Tokens tokens = Tokens.open(dir, file -> { });
        String readOnly = tokens.createReadOnly();
        Instant before = Instant.now().minusSeconds(1);

        List<TokenInfo> listed = Tokens.list(dir);
        assertThat(listed).extracting(TokenInfo::role).containsExactly(Tokens.Role.ADMIN, Tokens.Role.READ_ONLY);
        assertThat(listed.get(1).created()).isAfter(before.minusSeconds(1));
        assertThat(listed.get(1).lastUsed()).as("not used yet").isNull();
        assertThat(listed).extracting(TokenInfo::id).noneMatch(readOnly::contains);

        assertThat(tokens.check(readOnly)).contains(Tokens.Role.READ_ONLY);
        assertThat(Tokens.list(dir).get(1).lastUsed()).isAfter(before);
    }

    @Test
    void aRevokedTokenIsRefusedWithinASecond() {
        Tokens tokens = Tokens.open(dir, file -> { });
        String kept = tokens.createReadOnly();
        String revoked = tokens.createReadOnly();
        assertThat(tokens.check(revoked)).contains(Tokens.Role.READ_ONLY);

        String id = Tokens.list(dir).get(2).id();
        Tokens.revoke(dir, id);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> tokens.check(revoked).isEmpty());
        assertThat(tokens.check(kept)).contains(Tokens.Role.READ_ONLY);
        assertThat(Tokens.list(dir)).extracting(TokenInfo::id).doesNotContain(id);

        assertThatThrownBy(() -> Tokens.revoke(dir, id)).isInstanceOf(CapstanException.class)
                .hasMessage("no token has the id '" + id + "' (see 'capstan token ls')");
        assertThatThrownBy(() -> Tokens.revoke(dir, "admin"))
                .hasMessageContaining("capstan token rotate-admin");
    }

    @Test
    void aRotatedAdminTokenReplacesTheOldOne() throws Exception {
        Tokens tokens = Tokens.open(dir, file -> { });
        String old = Files.readString(tokens.adminFile()).strip();
        assertThat(tokens.check(old)).contains(Tokens.Role.ADMIN);

        Tokens.rotateAdmin(dir);
        String fresh = Files.readString(tokens.adminFile()).strip();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(mode(tokens.adminFile())).isEqualTo("rw-------");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> tokens.check(old).isEmpty());
        assertThat(tokens.check(fresh)).contains(Tokens.Role.ADMIN);
    }
}
