package io.capstan.control.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the database and tokens go when no --db or --data-dir says: the XDG data directory of the user's $HOME. */
class DefaultDataDirTest {
    @Test
    void xdgDataHomeComesFirst() {
        assertThat(Stores.defaultDataDir(Map.of("XDG_DATA_HOME", "/srv/data", "HOME", "/home/ann")))
                .isEqualTo(Path.of("/srv/data/capstan"));
    }

    @Test
    void elseHomeFromTheEnvironmentNotThePasswdEntry() {
        assertThat(Stores.defaultDataDir(Map.of("HOME", "/tmp/elsewhere")))
                .isEqualTo(Path.of("/tmp/elsewhere/.local/share/capstan"));
    }

    @Test
    void aRelativeXdgDataHomeIsIgnoredAsTheSpecSays() {
        assertThat(Stores.defaultDataDir(Map.of("XDG_DATA_HOME", "data", "HOME", "/home/ann")))
                .isEqualTo(Path.of("/home/ann/.local/share/capstan"));
    }

    @Test
    void withoutHomeTheAccountsHome() {
        assertThat(Stores.defaultDataDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "share", "capstan"));
    }
}
