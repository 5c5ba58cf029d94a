package io.capstan.core.engine;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.model.EngineInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnginesTest {
    /** A provider whose engine answers, or that fails with {@code failure}; it remembers what it was asked. */
    static final class TestProvider implements EngineProvider {
        final List<String> asked = new ArrayList<>();
        private final String name;
        private final int priority;
        private final RuntimeException failure;

        TestProvider(String name, int priority, RuntimeException failure) {
            this.name = name;
            this.priority = priority;
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public ContainerEngine locate(String endpoint) {
            asked.add(String.valueOf(endpoint));
            if (failure != null) {
                throw failure;
            }
            return engineNamed(name);
        }
    }

    /** An engine whose info() names the provider it came from; nothing else is called here. */
    static ContainerEngine engineNamed(String name) {
        return (ContainerEngine) Proxy.newProxyInstance(EnginesTest.class.getClassLoader(),
                new Class<?>[]{ContainerEngine.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "info" -> new EngineInfo(name, name, "1", "1", "linux", "amd64", "6", "overlay2", 2, 0, 0, 0, 1, 1L, "");
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theHighestPriorityProviderThatAnswersWinsAndGetsTheNamedEndpoint() {
        var low = new TestProvider("low", 1, null);
        var high = new TestProvider("high", 50, null);
        var engines = Engines.of(low, high);

        assertThat(engines.locate("unix:///x.sock").info().endpoint()).isEqualTo("high");
        assertThat(high.asked).containsExactly("unix:///x.sock");
        assertThat(low.asked).isEmpty();
        assertThat(engines.providers()).containsExactly(high, low);
    }

    @Test
    void aProviderWhoseEngineDoesNotAnswerGivesWayToTheNext() {
        var down = new TestProvider("down", 50, new EngineUnavailableException("nothing at /x.sock"));
        var up = new TestProvider("up", 1, null);

        assertThat(Engines.of(up, down).locate(null).info().endpoint()).isEqualTo("up");
        assertThat(down.asked).containsExactly("null");
    }

    @Test
    void withOneProviderItsOwnMessageIsTheError() {
        var only = new TestProvider("Docker", 10, new EngineUnavailableException("no container engine answered; tried X"));

        assertThatThrownBy(() -> Engines.of(only).locate(null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no container engine answered; tried X");
    }

    @Test
    void whenNoneAnswersEveryProviderSaysWhyInPriorityOrder() {
        var first = new TestProvider("A", 9, new EngineUnavailableException("nothing at a"));
        var second = new TestProvider("B", 3, new ConfigException("b cannot reach ssh://"));

        assertThatThrownBy(() -> Engines.of(second, first).locate(null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("A: nothing at a; B: b cannot reach ssh://");
    }

    @Test
    void withoutAnyProviderTheErrorSaysWhatIsMissing() {
        assertThatThrownBy(() -> Engines.of().locate(null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("no engine provider");
    }

    @Test
    void providersRegisteredWithTheServiceLoaderAreFound() {
        var engines = Engines.discover();

        assertThat(engines.provider(RegisteredTestProvider.class)).isPresent();
        assertThat(engines.locate(null).info().endpoint()).isEqualTo("registered");
    }
}
