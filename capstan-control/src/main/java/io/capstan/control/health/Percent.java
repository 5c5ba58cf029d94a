package io.capstan.control.health;

/** Percentages as the API and the health rows carry them: two decimals. */
public final class Percent {
    private Percent() {
    }

    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** {@code part} of {@code whole} in percent; 0 when there is no whole. */
    public static double of(long part, long whole) {
        return whole == 0 ? 0 : round(100.0 * part / whole);
    }
}
