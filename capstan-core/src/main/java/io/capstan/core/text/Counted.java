package io.capstan.core.text;

/** A count with its noun for messages: "1 replica", "3 replicas" (nouns that take an "s"). */
public final class Counted {
    private Counted() {
    }

    public static String of(long count, String noun) {
        return count + " " + noun(count, noun);
    }

    /** The noun as {@code count} wants it: "replica" for 1, "replicas" otherwise. */
    public static String noun(long count, String noun) {
        return count == 1 ? noun : noun + "s";
    }
}
