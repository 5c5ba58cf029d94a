package io.capstan.kernels.launch;

import io.capstan.kernels.spec.PortRange;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Which ports of a range nobody listens on at an address: found by binding each one for a moment. */
final class FreePorts {
    private FreePorts() {
    }

    /** The free ports in {@code range} on {@code address}, counted up to {@code enough} (no need to try them all). */
    static int count(String address, PortRange range, int enough) {
        int free = 0;
        for (int port = range.lower(); port <= range.upper() && free < enough; port++) {
            if (isFree(address, port)) {
                free++;
            }
        }
        return free;
    }

    static boolean isFree(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
