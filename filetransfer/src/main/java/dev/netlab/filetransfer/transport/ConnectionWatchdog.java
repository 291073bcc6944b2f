package dev.netlab.filetransfer.transport;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that stand still longer than their {@link ConnectionActivity} allows.
 * Blocking NIO socket channels ignore SO_TIMEOUT, so a timeout has to come from outside: closing
 * the channel wakes the thread blocked on it with an AsynchronousCloseException. One daemon
 * thread serves every connection of a server or client; {@link #close()} stops it.
 */
public final class ConnectionWatchdog implements Closeable {

    /**
     * Created on first use: a client would otherwise start the logging backend (about 60 ms of
     * CPU in a fresh JVM) for a message it almost never writes.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ConnectionWatchdog.class);
    }

    private final Map<ConnectionActivity, Closeable> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /** @param checkEvery how often to look; a timeout fires at most this late */
    public ConnectionWatchdog(Duration checkEvery) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connection-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, checkEvery.toMillis());
        timer.scheduleAtFixedRate(this::closeExpired, period, period, TimeUnit.MILLISECONDS);
    }

    /** A check interval fine enough for the shortest timeout in use, but at least 10 ms. */
    public static Duration checkIntervalFor(Duration shortestTimeout) {
        return Duration.ofMillis(Math.max(10, Math.min(1000, shortestTimeout.toMillis() / 4)));
    }

    /**
     * Closes {@code connection} once {@code activity} has stood still too long. It runs on the
     * watchdog's one thread and must not block: close the TCP socket before anything that writes
     * to the peer.
     */
    public void watch(ConnectionActivity activity, Closeable connection) {
        watched.put(activity, connection);
    }

    public void forget(ConnectionActivity activity) {
        watched.remove(activity);
    }

    private void closeExpired() {
        long now = System.nanoTime();
        watched.forEach((activity, connection) -> {
            if (activity.expired(now)) {
                activity.markTimedOut();
                watched.remove(activity);
                try {
                    connection.close();
                } catch (IOException e) {
                    Log.LOG.debug("closing a timed-out connection failed", e);
                }
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
