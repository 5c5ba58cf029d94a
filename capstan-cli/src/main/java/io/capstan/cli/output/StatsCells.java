package io.capstan.cli.output;

import io.capstan.core.model.ContainerStats;
import io.capstan.core.resource.ResourceQuantities;

import java.util.List;

/** The columns {@code docker stats} prints for a sample, after the container's id and name. */
public final class StatsCells {
    public static final List<String> HEADERS = List.of("CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS");

    private StatsCells() {
    }

    public static List<Object> of(ContainerStats s) {
        return List.of(String.format("%.2f%%", s.cpuPercent()),
                ResourceQuantities.formatBytes(s.memoryUsage()) + " / " + ResourceQuantities.formatBytes(s.memoryLimit()),
                String.format("%.2f%%", s.memoryPercent()),
                ResourceQuantities.formatBytes(s.networkRx()) + " / " + ResourceQuantities.formatBytes(s.networkTx()),
                ResourceQuantities.formatBytes(s.blockRead()) + " / " + ResourceQuantities.formatBytes(s.blockWrite()),
                s.pids());
    }
}
