package io.capstan.server;

import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.docker.EngineLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up the launcher records the server's AOT cache from: a real server that stores its events and streams
 * every one to each of its clients (else the archive would lack the event stream's write path), in a database of
 * its own.
 */
class ServerWarmUpIT {
    @TempDir
    Path dir;

    @Test
    void storesAndStreamsEveryEventToEachClient() throws Exception {
        try (ContainerEngine engine = EngineLocator.fromEnvironment().locate(null)) {
            int complete = ServerWarmUp.run(engine, dir);

            assertThat(complete).as("stream clients that received every warm-up event").isEqualTo(8);
        }
        try (Store store = Stores.sqlite(dir.resolve("warm-up.db"))) {
            assertThat(store.listEvents("capstan-warm-up/server:never", 5000)).hasSize(2000);
        }
    }
}
