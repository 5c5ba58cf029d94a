package io.capstan.server;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

import java.time.Duration;

/**
 * Sets the idle timeout on every connector as the server starts (Javalin adds its connector after the server is
 * configured): a client that sends half a request and waits, or trickles it, is closed after this long of silence.
 */
final class IdleTimeout implements LifeCycle.Listener {
    private final Duration timeout;

    IdleTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server) {
            for (var connector : server.getConnectors()) {
                if (connector instanceof AbstractConnector c) {
                    c.setIdleTimeout(timeout.toMillis());
                }
            }
        }
    }
}
