package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.NotFoundException;
import io.capstan.kernels.spec.KernelSpec;
import io.capstan.kernels.spec.PortRange;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What the launcher checks, each failure one line: user, ports, image, network. {@link #all} checks everything
 * before anything is created; {@link #creating} checks the engine's side while creating, to save round trips.
 */
final class LaunchChecks {
    private final ContainerEngine engine;
    private final KernelLauncher.Request request;
    private final KernelSpec spec;

    LaunchChecks(ContainerEngine engine, KernelLauncher.Request request) {
        this.engine = engine;
        this.request = request;
        this.spec = request.spec();
    }

    /** @param createNetwork the command that creates the kernelspec's network, for the error when it is missing */
    void all(String createNetwork) {
        LaunchAuthorisation.check(spec, request.user());
        ports();
        image();
        network(createNetwork);
    }

    /**
     * Checks user and ports, then runs {@code create} while the network is looked up alongside: a missing image
     * makes the create fail (reported as {@link #all} reports it), a missing network is only found at start, so
     * the container is removed again when the network turns out to be missing. Returns what {@code create} returns.
     */
    String creating(Supplier<String> create, String createNetwork) {
        LaunchAuthorisation.check(spec, request.user());
        ports();
        CompletableFuture<Void> network = CompletableFuture.runAsync(() -> network(createNetwork),
                command -> Thread.ofVirtual().start(command));
        String id;
        try {
            id = create.get();
        } catch (NotFoundException e) {
            image();
            rethrowFailure(network);
            throw e;
        }
        try {
            network.join();
        } catch (CompletionException e) {
            removeQuietly(id);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return id;
    }

    private static void rethrowFailure(CompletableFuture<Void> check) {
        try {
            check.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void removeQuietly(String id) {
        try {
            engine.containers().remove(id, true, true);
        } catch (NotFoundException e) {
            // gone already
        }
    }

    private void ports() {
        var range = spec.portRange();
        if (range.enabled()) {
            String address = request.connection().bindAddress();
            int free = FreePorts.count(address, range, PortRange.KERNEL_PORTS);
            if (free < PortRange.KERNEL_PORTS) {
                throw new ConfigException("the kernelspec's port range " + range + " is full: " + free + " of its ports "
                        + (free == 1 ? "is" : "are") + " free on " + address + ", a kernel needs "
                        + PortRange.KERNEL_PORTS + " (stop other kernels or install the kernelspec with a wider "
                        + "--port-range)");
            }
        }
        for (Map.Entry<String, Integer> port : request.connection().ports().entrySet()) {
            if (!range.contains(port.getValue())) {
                throw new ConfigException("connection file " + request.connection().path() + ": " + port.getKey() + " "
                        + port.getValue() + " lies outside the kernelspec's port range " + range
                        + ": the client must choose ports within it");
            }
        }
    }

    private void image() {
        try {
            engine.images().inspect(spec.image());
        } catch (NotFoundException e) {
            throw new NotFoundException("image", spec.image(), "kernel image '" + spec.image() + "' (kernelspec "
                    + spec.name() + ") not found: build it with 'capstan kernel image build"
                    + (spec.image().equals("capstan-kernel-python:latest") ? "" : " --tag " + spec.image()) + "'", e);
        }
    }

    private void network(String create) {
        if (spec.network().isEmpty()) {
            return;
        }
        try {
            engine.networks().inspect(spec.network());
        } catch (NotFoundException e) {
            throw new NotFoundException("network", spec.network(), "network '" + spec.network() + "' (kernelspec "
                    + spec.name() + ") does not exist: create it with '" + create
                    + "' or install the kernelspec with another --network", e);
        }
    }
}
