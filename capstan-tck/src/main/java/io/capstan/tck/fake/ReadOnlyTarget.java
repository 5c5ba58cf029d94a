package io.capstan.tck.fake;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A workload target that is only read: each read lists what the test's supplier says then (whatever labels are
 * asked for), and counts itself. Anything that would change a workload, or read its logs, is refused.
 */
public class ReadOnlyTarget implements WorkloadTarget {
    private final Supplier<List<WorkloadStatus>> workloads;
    private final AtomicInteger reads = new AtomicInteger();

    public ReadOnlyTarget(Supplier<List<WorkloadStatus>> workloads) {
        this.workloads = workloads;
    }

    /** How many times the workloads were read ({@code list} or {@code inspect}). */
    public int reads() {
        return reads.get();
    }

    @Override
    public List<WorkloadStatus> list(Map<String, String> labels) {
        reads.incrementAndGet();
        return workloads.get();
    }

    @Override
    public WorkloadStatus inspect(String name) {
        return list(Map.of()).stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("workload", name, "workload '" + name + "' not found", null));
    }

    @Override
    public String describe() {
        return "read-only target";
    }

    @Override
    public WorkloadStatus create(WorkloadSpec spec) {
        throw refused("create");
    }

    @Override
    public WorkloadStatus update(WorkloadSpec spec) {
        throw refused("update");
    }

    @Override
    public WorkloadStatus scale(String name, int replicas) {
        throw refused("scale");
    }

    @Override
    public WorkloadStatus rollback(String name) {
        throw refused("rollback");
    }

    @Override
    public void remove(String name) {
        throw refused("remove");
    }

    @Override
    public Subscription logs(String name, LogOptions options, Consumer<LogLine> sink) {
        throw refused("logs");
    }

    private static UnsupportedOperationException refused(String operation) {
        return new UnsupportedOperationException(operation + " on a read-only target");
    }
}
