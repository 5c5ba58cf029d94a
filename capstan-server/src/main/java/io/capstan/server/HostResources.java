package io.capstan.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The host's CPU, memory and disk, as {@code GET /system/resources} reports them. */
final class HostResources {
    private static final Path ENGINE_ROOT = Path.of("/var/lib/docker");

    private HostResources() {
    }

    static Map<String, Object> snapshot() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("count", os.getAvailableProcessors());
        cpu.put("percent", round(Math.max(0, os.getCpuLoad()) * 100));
        cpu.put("load_1m", round(os.getSystemLoadAverage()));

        long total = os.getTotalMemorySize();
        long available = memAvailable().orElse(os.getFreeMemorySize());
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("total", total);
        memory.put("available", available);
        memory.put("used", total - available);
        memory.put("percent", round(100.0 * (total - available) / total));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cpu", cpu);
        result.put("memory", memory);
        result.put("disk", disk());
        return result;
    }

    private static Map<String, Object> disk() {
        Path path = Files.isDirectory(ENGINE_ROOT) ? ENGINE_ROOT : Path.of("/");
        Map<String, Object> disk = new LinkedHashMap<>();
        try {
            FileStore store = Files.getFileStore(path);
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            disk.put("path", path.toString());
            disk.put("total", total);
            disk.put("used", total - free);
            disk.put("free", free);
            disk.put("percent", total == 0 ? 0.0 : round(100.0 * (total - free) / total));
        } catch (IOException e) {
            disk.put("path", path.toString());
            disk.put("percent", 0.0);
            disk.put("error", e.getMessage());
        }
        return disk;
    }

    private static java.util.OptionalLong memAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return java.util.OptionalLong.of(Long.parseLong(line.replaceAll("\\D+", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux, or unreadable: the JVM's figure is used instead
        }
        return java.util.OptionalLong.empty();
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
