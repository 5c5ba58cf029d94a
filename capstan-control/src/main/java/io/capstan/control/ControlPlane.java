package io.capstan.control;

import io.capstan.control.events.EventIngestor;
import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.Store;
import io.capstan.core.engine.ContainerEngine;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One running control plane: the engine, the store, the managed containers kept current from the engine's event
 * stream, and the writer that records their lifecycle. Closing it stops following events and flushes what is
 * queued; the engine and the store belong to the caller.
 */
public final class ControlPlane implements AutoCloseable {
    private final ContainerEngine engine;
    private final Store store;
    private final ManagedState state;
    private final ManagedContainers containers;
    private final EventWriter events;
    private final EventIngestor ingestor;
    private final String host;

    private ControlPlane(ContainerEngine engine, Store store) {
        this.engine = engine;
        this.store = store;
        this.host = hostName();
        this.state = new ManagedState(host);
        this.containers = new ManagedContainers(engine, state, store);
        this.events = new EventWriter(store);
        try {
            this.ingestor = EventIngestor.start(engine, containers, state, events, host,
                    store.lastEngineEventTime().orElse(null));
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
    }

    /** Starts following the engine; throws if the engine or the database does not answer. */
    public static ControlPlane start(ContainerEngine engine, Store store) {
        return new ControlPlane(engine, store);
    }

    public ContainerEngine engine() {
        return engine;
    }

    public Store store() {
        return store;
    }

    public ManagedContainers containers() {
        return containers;
    }

    public ManagedState state() {
        return state;
    }

    public EventWriter events() {
        return events;
    }

    public boolean engineConnected() {
        return ingestor.connected();
    }

    /** Waits until every event seen so far is in the store (tests, shutdown). */
    public boolean settle(java.time.Duration timeout) throws InterruptedException {
        ingestor.drain(timeout);
        return events.flush(timeout);
    }

    /** The name recorded as {@code host} in events and health rows. */
    public String host() {
        return host;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    @Override
    public void close() {
        ingestor.close();
        events.close();
    }
}
