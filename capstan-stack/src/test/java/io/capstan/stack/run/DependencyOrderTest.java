package io.capstan.stack.run;

import io.capstan.core.error.EngineException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order of start/stop/restart, and what a failure does to the services after it. */
class DependencyOrderTest {
    private final List<String> updates = new CopyOnWriteArrayList<>();
    private final StackProgress progress = (service, state, detail) -> updates.add(service + " " + state + " " + detail);
    private final Map<String, Set<String>> dependsOn = Map.of("web", Set.of("db"), "db", Set.of());

    @Test
    void aDependentOfAFailedServiceIsNotStartedAndSaysWhy() {
        List<String> ran = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> new DependencyOrder(progress, true).run(Set.of("web", "db"), dependsOn::get, s -> {
            ran.add(s);
            if (s.equals("db")) {
                throw new IllegalStateException(null, null);
            }
        })).isInstanceOf(EngineException.class)
                .hasMessage("service 'db' failed: an unexpected illegal state exception");
        assertThat(ran).containsExactly("db");
        assertThat(updates).contains("web skipped not started: service 'db' it depends on failed");
    }

    @Test
    void aFailureMessageIsOneLineNamingTheService() {
        assertThatThrownBy(() -> new DependencyOrder(progress, false).run(Set.of("db"), s -> Set.of(), s -> {
            throw new IllegalStateException("connection reset\n\tat somewhere");
        })).hasMessage("service 'db' failed: connection reset");
        assertThat(updates).contains("db failed service 'db' failed: connection reset");
    }

    @Test
    void stoppingGoesOnAfterAFailure() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Map<String, Set<String>> dependents = Map.of("db", Set.of("web"), "web", Set.of());
        assertThatThrownBy(() -> new DependencyOrder(progress, false).run(Set.of("web", "db"), dependents::get, s -> {
            ran.add(s);
            if (s.equals("web")) {
                throw new EngineException("container 'web-1' could not be stopped");
            }
        })).hasMessage("container 'web-1' could not be stopped");
        assertThat(ran).containsExactly("web", "db");
    }
}
