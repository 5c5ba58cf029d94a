package io.capstan.server.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Near-valid input: a valid seed with a few mutations (a character deleted, doubled or replaced, a hostile piece
 * inserted: huge numbers, unicode, control characters, separators), so that parsers are pushed just past their
 * happy path rather than rejected at the first character. A copy of capstan-core's (modules share no test classes).
 */
public final class Mutations {
    private static final List<String> PIECES = List.of(
            "", ":", "::", "/", "-", ".", "..", " ", "\t", "\n", "\r\n", "\u0000", "\u00e9", "\u202e", "\ud83d\ude00",
            "\ud800", "0", "-1", "65536", "99999999999999999999999", "1e400", "9223372036854775808", "0x10", "NaN",
            "${", "}", "$$", "{{", "}}", "{%", "[", "]", "{", "'", "\"", "\\", "#", "&a", "*a", "!!", "%", "=", ",",
            "\u0660", "\uff11", "[[[[[[[[", "{a: {b: {c: ", "&x ", "*x", "<<: *x", "!!binary ", "!reset ", "!override ",
            "!!python/object:os.system ", "- ", "\n  - ", ": ", "\n    ", "? ", "|\n", ">-\n", "---\n", "...\n",
            "%YAML 1.1\n", "{{ ''.getClass() }}", "{{ x.class.forName('java.lang.Runtime') }}", "{% for x in y %}",
            "{% endfor %}", "{% raw %}", "{% macro m() %}", "| tojson", "${A:?gone}", "${A:-${B:-${C}}}", "$A",
            "export ");

    private Mutations() {
    }

    public static Arbitrary<String> of(List<String> seeds) {
        Arbitrary<String> mutated = Arbitraries.of(seeds).flatMap(seed -> mutation().list().ofMaxSize(4)
                .map(steps -> {
                    String text = seed;
                    for (Mutation step : steps) {
                        text = step.apply(text);
                    }
                    return text;
                }));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(seeds)),
                Tuple.of(8, mutated),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40).map(s -> s)));
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
        return Arbitraries.oneOf(
                position.map(Mutation.Delete::new),
                position.map(Mutation.Double::new),
                Combinators.combine(position, Arbitraries.of(PIECES)).as(Mutation.Insert::new),
                Combinators.combine(position, Arbitraries.of(PIECES)).as(Mutation.Replace::new));
    }

    private sealed interface Mutation {
        String apply(String text);

        static int at(int position, String text) {
            return text.isEmpty() ? 0 : position % (text.length() + 1);
        }

        record Delete(int position) implements Mutation {
            public String apply(String text) {
                int i = at(position, text);
                return i >= text.length() ? text : text.substring(0, i) + text.substring(i + 1);
            }
        }

        record Double(int position) implements Mutation {
            public String apply(String text) {
                int i = at(position, text);
                return i >= text.length() ? text + text : text.substring(0, i + 1) + text.substring(i);
            }
        }

        record Insert(int position, String piece) implements Mutation {
            public String apply(String text) {
                int i = at(position, text);
                return text.substring(0, i) + piece + text.substring(i);
            }
        }

        record Replace(int position, String piece) implements Mutation {
            public String apply(String text) {
                int i = at(position, text);
                return i >= text.length() ? text + piece : text.substring(0, i) + piece + text.substring(i + 1);
            }
        }
    }
}
