package dev.netlab.filetransfer.server;

import dev.netlab.filetransfer.store.ReceiveStore;
import dev.netlab.filetransfer.stripe.StripedParts;
import dev.netlab.filetransfer.transport.ConnectionWatchdog;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP server: binds and listens ({@link #start()}), accepts connections in a bounded loop
 * (at most {@code maxConnections} at once; beyond that, new peers wait in the listen backlog
 * until a slot frees) and runs each as a {@link ServerSession} on its own thread.
 * {@link #close()} closes the listening socket, then every accepted one, and waits for the
 * threads.
 */
public final class FileServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FileServer.class);
    /** Pending connections the kernel queues for us while all slots are busy. */
    private static final int LISTEN_BACKLOG = 128;
    /** How long close() waits for sessions to notice their sockets closed. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final ServerConfig config;
    private final ReceiveStore store;
    private final StripedParts stripes;
    private final Semaphore slots;
    private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ConnectionWatchdog watchdog;
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    private ServerSocketChannel listener;
    private Thread acceptThread;
    private volatile boolean closing;

    public FileServer(ServerConfig config) throws IOException {
        this.config = config;
        this.store = new ReceiveStore(config.directory(), config.onExists(), config.fsync());
        this.stripes = new StripedParts(store);
        this.slots = new Semaphore(config.maxConnections());
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ft-session-" + connectionNumbers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        java.time.Duration shortest = config.readTimeout().compareTo(config.idleTimeout()) < 0
                ? config.readTimeout() : config.idleTimeout();
        this.watchdog = new ConnectionWatchdog(ConnectionWatchdog.checkIntervalFor(shortest));
    }

    /** socket(), bind(), listen(): after this the port is open and {@link #localAddress()} is known. */
    public FileServer start() throws IOException {
        listener = ServerSocketChannel.open();
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        listener.bind(config.bind(), LISTEN_BACKLOG);
        acceptThread = new Thread(this::acceptLoop, "ft-accept");
        acceptThread.setDaemon(true);
        acceptThread.start();
        return this;
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    public ServerConfig config() {
        return config;
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            SocketChannel accepted;
            try {
                accepted = listener.accept();
            } catch (ClosedChannelException e) {
                slots.release();
                return;
            } catch (IOException e) {
                slots.release();
                LOG.warn("accept failed: {}", e.toString());
                continue;
            }
            startSession(accepted);
        }
    }

    private void startSession(SocketChannel accepted) {
        try {
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ServerSession session = new ServerSession(accepted, config, store, stripes, watchdog, s -> {
                sessions.remove(s);
                slots.release();
            });
            sessions.add(session);
            workers.execute(session);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not start a session: {}", e.toString());
            closeQuietly(accepted);
            slots.release();
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        if (listener != null) {
            listener.close();
        }
        if (acceptThread != null) {
            acceptThread.interrupt();
            joinQuietly(acceptThread);
        }
        for (ServerSession session : sessions) {
            session.close();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.close();
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a refused connection failed", e);
        }
    }
}
