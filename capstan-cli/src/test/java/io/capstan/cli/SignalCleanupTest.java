package io.capstan.cli;

import io.capstan.core.error.ConflictException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Ctrl-C or SIGTERM during an attached run still undoes: the terminal, the --rm container. */
class SignalCleanupTest {
    private final StringWriter err = new StringWriter();
    private final List<String> done = new CopyOnWriteArrayList<>();

    @Test
    void everyStepRunsOnceAndAFailingOneIsAWarning() {
        SignalCleanup cleanup = SignalCleanup.onShutdown(new PrintWriter(err), List.of(
                new SignalCleanup.Step("restore the terminal", () -> done.add("terminal")),
                new SignalCleanup.Step("remove container abc", () -> {
                    throw new ConflictException("container abc is being removed already");
                }),
                new SignalCleanup.Step("remove volume v", () -> done.add("volume"))));
        cleanup.run();
        cleanup.run();
        cleanup.close();
        assertThat(done).containsExactly("terminal", "volume");
        assertThat(err.toString()).isEqualTo("capstan: warning: could not remove container abc: "
                + "container abc is being removed already" + System.lineSeparator());
    }

    @Test
    void aCommandThatFinishedUndoesNothingMore() {
        SignalCleanup cleanup = SignalCleanup.onShutdown(new PrintWriter(err),
                List.of(new SignalCleanup.Step("restore the terminal", () -> done.add("terminal"))));
        cleanup.close();
        cleanup.run();
        assertThat(done).isEmpty();
    }
}
