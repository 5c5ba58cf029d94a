package io.capstan.server;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --bind and --port are checked before the server starts, in one line naming the value and what is expected. */
class ListenAddressTest {
    @Test
    void loopbackAnyAndFreePortAreFine() {
        assertThatCode(() -> ListenAddress.check("127.0.0.1", 8000)).doesNotThrowAnyException();
        assertThatCode(() -> ListenAddress.check("0.0.0.0", 0)).doesNotThrowAnyException();
        assertThatCode(() -> ListenAddress.check("localhost", 65535)).doesNotThrowAnyException();
    }

    @Test
    void aPortOutOfRangeIsNamed() {
        assertThatThrownBy(() -> ListenAddress.check("127.0.0.1", 99999)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("--port 99999: expected a TCP port 1-65535 (or 0 for any free one)");
        assertThatThrownBy(() -> ListenAddress.check("127.0.0.1", -1)).hasMessageStartingWith("--port -1: ");
    }

    @Test
    void anAddressThatIsNoneOrNotThisHostsIsNamed() {
        assertThatThrownBy(() -> ListenAddress.check("999.1.1.1", 8000)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("--bind 999.1.1.1: not an IPv4 address (four numbers 0-255, such as 127.0.0.1 or 0.0.0.0)");
        assertThatThrownBy(() -> ListenAddress.check("192.0.2.77", 8000))
                .hasMessage("--bind 192.0.2.77: 192.0.2.77 is not an address of this host; expected one of its own, "
                        + "such as 127.0.0.1 or 0.0.0.0");
    }
}
