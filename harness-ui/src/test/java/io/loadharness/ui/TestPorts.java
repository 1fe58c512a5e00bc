package io.loadharness.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback addresses for tests. */
final class TestPorts {

    private TestPorts() {
    }

    /**
     * @return the URL of a loopback port nothing listens on: a port just bound and released, so a
     *         connection to it is refused at once
     */
    static String deadUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
