package io.capstan.tck.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Capstan's own property harness: a property is checked on {@code capstan.fuzz.tries} inputs drawn from a generator,
 * each try with its own {@link Random} derived from {@code capstan.fuzz.seed}, the property's name and the try
 * number, so a failure replays with the same seed. The first failing input ends the property with an AssertionError
 * naming the seed, the try and the input; with {@code capstan.fuzz.found} set to a directory the whole input is also
 * written there.
 */
public final class Fuzz {
    public static final long DEFAULT_SEED = 20261204L;
    private static final int DEFAULT_TRIES = 300;
    private static final int SHOWN = 300;

    private Fuzz() {
    }

    /** A check on one input; anything it throws is a failure. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    public static long seed() {
        return Long.getLong("capstan.fuzz.seed", DEFAULT_SEED);
    }

    public static int tries() {
        return Integer.getInteger("capstan.fuzz.tries", DEFAULT_TRIES);
    }

    public static <T> void check(String property, Function<Random, T> generator, Check<T> check) {
        long seed = seed();
        int tries = tries();
        for (int attempt = 1; attempt <= tries; attempt++) {
            T input = generator.apply(new Random(seed * 1_000_003L + property.hashCode() * 31L + attempt));
            try {
                check.accept(input);
            } catch (Throwable failure) {
                String kept = keep(property, seed, attempt, String.valueOf(input));
                throw new AssertionError(property + " failed at try " + attempt + " of seed " + seed
                        + " (replay: -Dcapstan.fuzz.seed=" + seed + " -Dcapstan.fuzz.tries=" + attempt + ")"
                        + kept + ", input: " + shorten(String.valueOf(input)) + "; " + failure, failure);
            }
        }
    }

    /** One of the values, equally likely. */
    public static <T> Function<Random, T> oneOf(List<T> values) {
        List<T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** One of the generators, equally likely. */
    @SafeVarargs
    public static <T> Function<Random, T> oneOfGenerators(Function<Random, ? extends T>... generators) {
        List<Function<Random, ? extends T>> copy = List.of(generators);
        return random -> copy.get(random.nextInt(copy.size())).apply(random);
    }

    /** A generator with its weight, for {@link #frequency}. */
    public record Weighted<T>(int weight, Function<Random, ? extends T> generator) {
    }

    public static <T> Weighted<T> weight(int weight, Function<Random, ? extends T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** One of the generators, each as often as its weight says. */
    @SafeVarargs
    public static <T> Function<Random, T> frequency(Weighted<T>... choices) {
        List<Weighted<T>> copy = List.of(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<T> choice : copy) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.generator().apply(random);
                }
            }
            throw new IllegalStateException("weights changed");
        };
    }

    /** Any characters (lone surrogates and control characters included), up to {@code maxLength} of them. */
    public static Function<Random, String> anyString(int maxLength) {
        return random -> {
            char[] chars = new char[random.nextInt(maxLength + 1)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(128)
                        : (char) random.nextInt(Character.MAX_VALUE + 1);
            }
            return new String(chars);
        };
    }

    static String shorten(String input) {
        StringBuilder shown = new StringBuilder("'");
        input.codePoints().limit(SHOWN).forEach(c -> {
            if (c < 0x20 || c == 0x7f || Character.isSurrogate((char) c) && c <= 0xffff) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        shown.append('\'');
        long length = input.codePoints().count();
        return length > SHOWN ? shown + "... (" + length + " characters)" : shown.toString();
    }

    private static String keep(String property, long seed, int attempt, String input) {
        String dir = System.getProperty("capstan.fuzz.found");
        if (dir == null || dir.isBlank()) {
            return "";
        }
        try {
            Path file = Path.of(dir).resolve(property + "-seed" + seed + "-try" + attempt + ".txt");
            Files.createDirectories(file.getParent());
            Files.write(file, input.getBytes(StandardCharsets.UTF_8));
            return ", kept in " + file.toAbsolutePath();
        } catch (IOException e) {
            return ", not kept (" + e.getMessage() + ")";
        }
    }
}
