package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.Engines;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * What every command shares during one invocation: where output goes, which engine to use, and the engine
 * connection itself, opened on first use.
 */
public final class Cli implements AutoCloseable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Bytes bytes;
    private final Engines engines;
    private String engineEndpoint;
    private ContainerEngine engine;

    /**
     * The standard streams as bytes, for what passes another program's input and output through unchanged (exec):
     * the writers would re-encode it.
     */
    public record Bytes(InputStream in, OutputStream out, OutputStream err) {
        static final Bytes STANDARD = new Bytes(System.in, System.out, System.err);
    }

    public Cli(PrintWriter out, PrintWriter err, Engines engines) {
        this(out, err, Bytes.STANDARD, engines);
    }

    public Cli(PrintWriter out, PrintWriter err, Bytes bytes, Engines engines) {
        this.out = out;
        this.err = err;
        this.bytes = bytes;
        this.engines = engines;
    }

    /** The byte streams; {@link #out()} and {@link #err()} are flushed first, so that what they had comes before. */
    public Bytes bytes() {
        out.flush();
        err.flush();
        return bytes;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** The engine providers this invocation asks. */
    public Engines engines() {
        return engines;
    }

    /** The {@code --engine} value, or null to discover one. */
    public String engineEndpoint() {
        return engineEndpoint;
    }

    void engineEndpoint(String endpoint) {
        this.engineEndpoint = endpoint;
    }

    public synchronized ContainerEngine engine() {
        if (engine == null) {
            engine = engines.locate(engineEndpoint);
        }
        return engine;
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        out.flush();
        err.flush();
    }
}
