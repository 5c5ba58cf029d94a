package io.capstan.core.resource;

import io.capstan.core.error.InvalidSpecException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats CPU and memory quantities, the one place where Capstan reads them.
 *
 * <p>CPU: a number of CPUs ({@code "0.25"}, {@code "2.5"}) or Kubernetes millicores ({@code "500m"}).
 * Memory: plain bytes, or a number with a unit. Single-letter units ({@code b k m g t}, either case, with an
 * optional {@code b}: {@code 512m}, {@code 512MB}) are binary, as Docker reads them; the Kubernetes binary
 * units {@code Ki Mi Gi Ti} mean the same. Fractions are allowed ({@code 1.5g}).
 */
public final class ResourceQuantities {
    public static final long NANOS_PER_CPU = 1_000_000_000L;

    private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(m?)");
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-zA-Z]*)");

    private ResourceQuantities() {
    }

    /** CPUs as nano-CPUs (the unit of Docker's {@code NanoCpus}); {@code 0} means no limit. */
    public static long parseCpu(String text) {
        String value = text == null ? "" : text.strip();
        Matcher m = CPU.matcher(value);
        if (!m.matches()) {
            throw new InvalidSpecException("invalid CPU value '" + text
                    + "': expected a number of CPUs such as 0.5 or 2, or millicores such as 500m");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal nanos = m.group(2).isEmpty()
                ? amount.multiply(BigDecimal.valueOf(NANOS_PER_CPU))
                : amount.multiply(BigDecimal.valueOf(1_000_000L));
        try {
            return nanos.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidSpecException("invalid CPU value '" + text + "': too large", e);
        }
    }

    /** Memory as bytes; {@code 0} means no limit. */
    public static long parseMemory(String text) {
        String value = text == null ? "" : text.strip();
        Matcher m = MEMORY.matcher(value);
        long multiplier = m.matches() ? memoryUnit(m.group(2)) : -1;
        if (multiplier < 0) {
            throw new InvalidSpecException("invalid memory value '" + text
                    + "': expected bytes or a number with a unit (k, m, g, t or Ki, Mi, Gi, Ti), such as 512m or 1.5Gi");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier));
        try {
            return bytes.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidSpecException("invalid memory value '" + text + "': too large", e);
        }
    }

    private static long memoryUnit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kb", "ki", "kib" -> 1L << 10;
            case "m", "mb", "mi", "mib" -> 1L << 20;
            case "g", "gb", "gi", "gib" -> 1L << 30;
            case "t", "tb", "ti", "tib" -> 1L << 40;
            default -> -1L;
        };
    }

    /** Nano-CPUs as a short CPU count: {@code 500000000 -> "0.5"}. */
    public static String formatCpu(long nanoCpus) {
        return BigDecimal.valueOf(nanoCpus).divide(BigDecimal.valueOf(NANOS_PER_CPU)).stripTrailingZeros()
                .toPlainString();
    }

    /** Bytes in the largest binary unit that keeps one decimal: {@code 536870912 -> "512MiB"}. */
    public static String formatBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = unit == 0 || value == Math.rint(value)
                ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + units[unit];
    }
}
