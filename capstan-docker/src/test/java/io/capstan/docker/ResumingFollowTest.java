package io.capstan.docker;

import io.capstan.core.engine.Subscription;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.model.LogLine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's side is scripted here: each open replays what a real follow would send, then ends. */
class ResumingFollowTest {
    private static final String T1 = "2026-11-22T10:00:01.100000000Z";
    private static final String T2 = "2026-11-22T10:00:01.200000000Z";
    private static final String T3 = "2026-11-22T10:00:02.000000000Z";

    private final List<Long> opens = new CopyOnWriteArrayList<>();
    private final List<LogLine> delivered = new CopyOnWriteArrayList<>();

    @Test
    void aFollowEndedWhileTheContainerRunsIsOpenedAgainWithoutRepeatingLines() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<List<String>> script = new ArrayList<>(List.of(
                List.of(T1 + " one", T2 + " two"),                  // ended early by the engine
                List.of(T1 + " one", T2 + " two", T3 + " three"))); // the same second again, then more
        Subscription follow = ResumingFollow.start(scripted(script, () -> running.set(!script.isEmpty())),
                running::get, delivered::add, false);

        assertThat(follow.awaitCompletion(Duration.ofSeconds(10))).isTrue();
        assertThat(delivered).extracting(LogLine::text).containsExactly("one", "two", "three");
        assertThat(opens).containsExactly(null, 1795341601L); // the second from the last line seen
    }

    @Test
    void aFollowThatEndsBecauseTheContainerStoppedEndsAtOnceAndKeepsTimestampsWhenAsked() throws Exception {
        List<List<String>> script = new ArrayList<>(List.of(List.of(T1 + " only")));
        Subscription follow = ResumingFollow.start(scripted(script, () -> { }), () -> false, delivered::add, true);

        assertThat(follow.awaitCompletion(Duration.ofSeconds(10))).isTrue();
        assertThat(delivered).extracting(LogLine::text).containsExactly(T1 + " only");
        assertThat(opens).hasSize(1);
    }

    @Test
    void anEngineLostWhileLookingAtTheContainerEndsTheFollowWithThatError() {
        List<List<String>> script = new ArrayList<>(List.of(List.of(T1 + " one")));
        Subscription follow = ResumingFollow.start(scripted(script, () -> { }), () -> {
            throw new EngineUnavailableException("engine at unix:///x is not answering", null);
        }, delivered::add, false);

        assertThatThrownBy(() -> follow.awaitCompletion(Duration.ofSeconds(10))).hasMessageContaining("not answering");
    }

    /** Each open sends the next scripted lines as stdout and ends; {@code afterEach} runs before it ends. */
    private ResumingFollow.Opener scripted(List<List<String>> script, Runnable afterEach) {
        return (since, sink) -> {
            opens.add(since);
            List<String> lines = script.isEmpty() ? List.of() : script.removeFirst();
            afterEach.run();
            return new Ended(() -> lines.forEach(l -> sink.accept(new LogLine(LogLine.Stream.STDOUT, l))));
        };
    }

    /** A stream that sends its lines and has ended. */
    private static final class Ended implements Subscription {
        private final CountDownLatch done = new CountDownLatch(1);

        Ended(Runnable send) {
            send.run();
            done.countDown();
        }

        @Override
        public boolean awaitCompletion(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
        }
    }
}
