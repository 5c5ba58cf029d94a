package io.capstan.core.fuzz;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.capstan.core.fuzz.Fuzz.frequency;
import static io.capstan.core.fuzz.Fuzz.weight;

/**
 * Near-valid input: a valid seed with a few mutations (a character deleted, doubled or replaced, a hostile piece
 * inserted: huge numbers, unicode, control characters, separators), so that parsers are pushed just past their
 * happy path rather than rejected at the first character. A copy of capstan-tck's.
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

    /** A seed as it is (1 in 10), a seed with up to four mutations (8 in 10), or any short string (1 in 10). */
    public static Function<Random, String> of(List<String> seeds) {
        Function<Random, String> seed = Fuzz.oneOf(seeds);
        Function<Random, String> mutated = random -> {
            String text = seed.apply(random);
            int steps = random.nextInt(5);
            for (int i = 0; i < steps; i++) {
                text = mutation(random).apply(text);
            }
            return text;
        };
        return frequency(weight(1, seed), weight(8, mutated), weight(1, Fuzz.anyString(40)));
    }

    private static Mutation mutation(Random random) {
        int position = random.nextInt(10_001);
        return switch (random.nextInt(4)) {
            case 0 -> new Mutation.Delete(position);
            case 1 -> new Mutation.Double(position);
            case 2 -> new Mutation.Insert(position, PIECES.get(random.nextInt(PIECES.size())));
            default -> new Mutation.Replace(position, PIECES.get(random.nextInt(PIECES.size())));
        };
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
