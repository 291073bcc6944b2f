package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server for the TLS tests: accepts on an ephemeral port of 127.0.0.1 and hands each
 * connection to the handler on its own thread. Handler failures are queued for the test to
 * assert. {@link #close()} closes the listening socket and every accepted one, then stops the
 * threads.
 */
final class LoopbackServer implements AutoCloseable {

    /** Serves one accepted connection; the server closes the socket afterwards. */
    @FunctionalInterface
    interface ConnectionHandler {
        void handle(Socket accepted) throws Exception;
    }

    private static final long FAILURE_WAIT_SECONDS = 10;

    private final ServerSocket serverSocket;
    private final ConnectionHandler handler;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();

    private LoopbackServer(ServerSocket serverSocket, ConnectionHandler handler) {
        this.serverSocket = serverSocket;
        this.handler = handler;
    }

    static LoopbackServer start(ConnectionHandler handler) throws IOException {
        LoopbackServer server = new LoopbackServer(
                new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), handler);
        server.threads.execute(server::acceptLoop);
        return server;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** The next failure a handler threw, waiting for it. */
    Throwable nextFailure() throws InterruptedException {
        Throwable failure = failures.poll(FAILURE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (failure == null) {
            throw new AssertionError("no server-side failure within " + FAILURE_WAIT_SECONDS + "s");
        }
        return failure;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed by close()
            }
            accepted.add(socket);
            threads.execute(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            handler.handle(socket);
        } catch (Exception e) {
            failures.add(e);
        } finally {
            accepted.remove(socket);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        serverSocket.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        threads.shutdown();
        if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
