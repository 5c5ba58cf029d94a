package io.capstan.tck.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness itself: a failure can be replayed from what its message says, and a run draws the same inputs. */
class FuzzTest {

    @Test
    void aFailureNamesTheSeedTheTryAndTheInputShortenedAndEscaped() {
        Function<Random, String> inputs = random -> "line\nbreak " + "x".repeat(500);
        assertThatThrownBy(() -> Fuzz.check("alwaysFails", inputs, text -> {
            throw new IllegalStateException("boom");
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("alwaysFails failed at try 1 of seed " + Fuzz.seed()
                        + " (replay: -Dcapstan.fuzz.seed=" + Fuzz.seed() + " -Dcapstan.fuzz.tries=1), "
                        + "input: 'line\\u000abreak x")
                .hasMessageContaining("... (511 characters); java.lang.IllegalStateException: boom");
    }

    @Test
    void theFailingInputIsKeptWholeWhereTheLongRunAsks(@TempDir Path found) throws Exception {
        String huge = "y".repeat(5000);
        System.setProperty("capstan.fuzz.found", found.toString());
        try {
            assertThatThrownBy(() -> Fuzz.check("keeps", random -> huge, text -> {
                throw new IllegalStateException("boom");
            })).hasMessageContaining(", kept in " + found.resolve("keeps-seed" + Fuzz.seed() + "-try1.txt"));
        } finally {
            System.clearProperty("capstan.fuzz.found");
        }
        assertThat(Files.readString(found.resolve("keeps-seed" + Fuzz.seed() + "-try1.txt"))).isEqualTo(huge);
    }

    @Test
    void theSameSeedDrawsTheSameInputs() {
        Function<Random, String> inputs = Mutations.of(List.of("8080:80", "data:/data"));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Fuzz.check("same", inputs, first::add);
        Fuzz.check("same", inputs, second::add);
        assertThat(first).hasSize(Fuzz.tries()).isEqualTo(second);
        assertThat(first).as("mutations, not only the seeds")
                .anyMatch(text -> !List.of("8080:80", "data:/data").contains(text));
    }

    @Test
    void frequencyFollowsTheWeights() {
        Function<Random, String> pick = Fuzz.frequency(
                Fuzz.weight(9, random -> "often"), Fuzz.weight(1, random -> "rarely"));
        Random random = new Random(1);
        long often = Stream.generate(() -> pick.apply(random)).limit(1000).filter("often"::equals).count();
        assertThat(often).isBetween(850L, 950L);
    }
}
