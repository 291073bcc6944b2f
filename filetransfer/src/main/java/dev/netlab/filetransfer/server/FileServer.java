package dev.netlab.filetransfer.server;

import dev.netlab.filetransfer.store.ReceiveStore;
import dev.netlab.filetransfer.store.StalePartSweeper;
import dev.netlab.filetransfer.stripe.StripedParts;
import dev.netlab.filetransfer.transport.ConnectionWatchdog;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP server: binds and listens ({@link #start()}), accepts every connection at once and lets
 * {@link Admission} decide whether it may stay (peers that have not authenticated are capped and
 * dropped early, apart from the {@code maxConnections} authenticated sessions, so a flood of
 * silent peers cannot keep a client out), and runs each admitted one as a {@link ServerSession}
 * on its own thread. A housekeeping thread logs one summary line of dropped peers per period and
 * removes part files untouched for a day ({@link StalePartSweeper}).
 * {@link #close()} closes the listening socket, then every accepted one, and waits for the
 * threads.
 */
public final class FileServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FileServer.class);
    /** Pending connections the kernel queues for us while all slots are busy. */
    private static final int LISTEN_BACKLOG = 128;
    /** How long close() waits for sessions to notice their sockets closed. */
    private static final long CLOSE_WAIT_SECONDS = 5;
    /** One summary line of dropped peers at most this often: a flood shows up without flooding the log. */
    static final Duration DROP_SUMMARY_PERIOD = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final ReceiveStore store;
    private final StripedParts stripes;
    private final Admission admission;
    private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ConnectionWatchdog watchdog;
    private final ScheduledExecutorService housekeeping;
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    private ServerSocketChannel listener;
    private Thread acceptThread;
    private volatile boolean closing;

    public FileServer(ServerConfig config) throws IOException {
        this.config = config;
        this.store = new ReceiveStore(config.directory(), config.onExists(), config.fsync(), "the server's disk");
        this.stripes = new StripedParts(store);
        this.admission = new Admission(config.admission(), config.maxConnections());
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ft-session-" + connectionNumbers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Duration shortest = Collections.min(List.of(config.readTimeout(), config.idleTimeout(),
                config.admission().handshakeTimeout()));
        this.watchdog = new ConnectionWatchdog(ConnectionWatchdog.checkIntervalFor(shortest));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ft-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /** socket(), bind(), listen(): after this the port is open and {@link #localAddress()} is known. */
    public FileServer start() throws IOException {
        listener = ServerSocketChannel.open();
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        listener.bind(config.bind(), LISTEN_BACKLOG);
        acceptThread = new Thread(this::acceptLoop, "ft-accept");
        acceptThread.setDaemon(true);
        acceptThread.start();
        long period = DROP_SUMMARY_PERIOD.toMillis();
        housekeeping.scheduleAtFixedRate(this::logDrops, period, period, TimeUnit.MILLISECONDS);
        StalePartSweeper sweeper = new StalePartSweeper(store);
        housekeeping.scheduleWithFixedDelay(sweeper::sweep, 0, StalePartSweeper.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    public ServerConfig config() {
        return config;
    }

    /** Who holds which slot now, and what was dropped: for tests, and for steps that run before a peer is trusted. */
    public Admission admission() {
        return admission;
    }

    /**
     * Accepts without waiting for a free slot: a peer left in the listen backlog cannot be judged,
     * and a backlog full of silent peers is what kept clients from even connecting.
     */
    private void acceptLoop() {
        while (!closing) {
            SocketChannel accepted;
            try {
                accepted = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("accept failed: {}", e.toString());
                continue;
            }
            admit(accepted);
        }
    }

    private void admit(SocketChannel accepted) {
        Admission.Permit permit = null;
        try {
            permit = admission.admit(((InetSocketAddress) accepted.getRemoteAddress()).getAddress());
            if (permit == null) {
                closeQuietly(accepted);
                return;
            }
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ServerSession session = new ServerSession(accepted, permit, config, store, stripes, watchdog, sessions::remove);
            sessions.add(session);
            workers.execute(session);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not start a session: {}", e.toString());
            closeQuietly(accepted);
            if (permit != null) {
                permit.close();
            }
        }
    }

    private void logDrops() {
        String summary = admission.summary();
        if (summary != null) {
            LOG.warn(summary);
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
        housekeeping.shutdownNow();
        try {
            housekeeping.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        logDrops();
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
