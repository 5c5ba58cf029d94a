package io.capstan.control.engineworkload;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.LogLine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The logs of all of a workload's replicas as one stream, each line led by its replica and node as
 * {@code docker service logs} does ({@code web.1.3f2a9c0d1e2b@engine | text}). It ends when every replica's does.
 */
final class MergedReplicaLogs implements Subscription {
    private final List<Subscription> streams = new ArrayList<>();

    MergedReplicaLogs(ContainerEngine engine, List<Replica> replicas, String node, LogOptions options,
                Consumer<LogLine> sink) {
        Object order = new Object();
        try {
            for (Replica replica : replicas) {
                String prefix = replica.container().name() + "@" + node + " | ";
                try {
                    streams.add(engine.containers().logs(replica.id(), options, line -> {
                        synchronized (order) {
                            sink.accept(new LogLine(line.stream(), prefix + line.text()));
                        }
                    }));
                } catch (NotFoundException gone) {
                    // removed since it was listed: it has no more lines to give
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (Subscription stream : streams) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || !stream.awaitCompletion(left)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        streams.forEach(Subscription::close);
    }
}
