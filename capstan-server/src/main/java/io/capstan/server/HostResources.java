package io.capstan.server;

import io.capstan.control.health.EngineDisk;
import io.capstan.control.health.Percent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The host's CPU, memory and disk, as {@code GET /system/resources} reports them. */
final class HostResources {
    private HostResources() {
    }

    static Map<String, Object> snapshot() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("count", os.getAvailableProcessors());
        cpu.put("percent", Percent.round(Math.max(0, os.getCpuLoad()) * 100));
        cpu.put("load_1m", Percent.round(os.getSystemLoadAverage()));

        long total = os.getTotalMemorySize();
        long available = memAvailable().orElse(os.getFreeMemorySize());
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("total", total);
        memory.put("available", available);
        memory.put("used", total - available);
        memory.put("percent", Percent.of(total - available, total));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cpu", cpu);
        result.put("memory", memory);
        result.put("disk", disk());
        return result;
    }

    private static Map<String, Object> disk() {
        EngineDisk disk = EngineDisk.measure();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", disk.path());
        m.put("total", disk.total());
        m.put("used", disk.used());
        m.put("free", disk.free());
        m.put("percent", disk.percent());
        return m;
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
}
