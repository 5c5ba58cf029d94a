package io.capstan.control.engineworkload;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.Health;
import io.capstan.core.readiness.ContainerState;
import io.capstan.core.readiness.Readiness;
import io.capstan.core.readiness.ReadyWhen;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Watches the new replicas of a rollout's batch: each must get ready ({@link ReadyWhen#RUNNING}), then stay so for
 * the monitor period. One that exits, turns unhealthy or is restarted by the engine meanwhile is a failure.
 */
final class ReplicaWatch {
    private static final Duration POLL = Duration.ofMillis(250);

    enum Outcome { READY, FAILED, STOPPED_WATCHING }

    private final ContainerEngine engine;

    ReplicaWatch(ContainerEngine engine) {
        this.engine = engine;
    }

    /** Watches {@code ids} until they are ready and then for {@code monitor}, or until {@code stop} says so. */
    Outcome watch(List<String> ids, Duration monitor, BooleanSupplier stop) {
        Map<String, Instant> started = new HashMap<>();
        Instant monitorEnds = null;
        while (!stop.getAsBoolean()) {
            boolean allReady = true;
            for (String id : ids) {
                ContainerInfo info;
                try {
                    info = engine.containers().inspect(id);
                } catch (NotFoundException gone) {
                    return Outcome.FAILED;
                }
                Instant previousStart = started.putIfAbsent(id, info.startedAt());
                Readiness readiness = ReadyWhen.RUNNING.check(ContainerState.of(info));
                boolean restarted = previousStart != null && !previousStart.equals(info.startedAt());
                if (readiness.isFailure() || info.health() == Health.UNHEALTHY || restarted) {
                    return Outcome.FAILED;
                }
                allReady &= readiness == Readiness.READY;
            }
            if (allReady && monitorEnds == null) {
                monitorEnds = Instant.now().plus(monitor);
            }
            if (monitorEnds != null && !Instant.now().isBefore(monitorEnds)) {
                return Outcome.READY;
            }
            if (!Pauses.sleep(POLL, stop)) {
                break;
            }
        }
        return Outcome.STOPPED_WATCHING;
    }
}
