package dev.netlab.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A free TCP port on loopback for peers that cannot bind port 0 and say which port they got
 * (rsync's daemon, sshd, nc, iperf3). The port is free when returned; another process could take
 * it before the peer binds it, which on a benchmark machine shows up as a clear start-up failure.
 */
public final class FreePort {

    private FreePort() {
    }

    public static int onLoopback() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
