package dev.netlab.common.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for announces of one tool on the LAN: joins the group, asks every announcer to answer at
 * once (a QUERY), and keeps what it hears in a bounded {@link PeerTable}. Every datagram passes a
 * {@link DatagramScreen} first. Its one thread is stopped by {@link #close()}. Thread-safe.
 */
public final class PeerListener implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerListener.class);
    /** How long one receive blocks, so close() is noticed even on a silent network. */
    private static final Duration RECEIVE_SLICE = Duration.ofMillis(200);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final String tool;
    private final DiscoverySocket socket;
    private final DatagramScreen screen = new DatagramScreen();
    private final PeerTable table = new PeerTable();
    private final Thread thread;
    private long tableFull;
    private volatile boolean closing;

    private PeerListener(String tool, DiscoverySocket socket) {
        this.tool = tool;
        this.socket = socket;
        this.thread = new Thread(this::receiveLoop, "discovery-listener");
        this.thread.setDaemon(true);
    }

    /**
     * Joins {@code group} and sends one QUERY for {@code tool}, so announcers answer at once
     * instead of at their next tick.
     */
    public static PeerListener start(DiscoveryGroup group, String tool) throws IOException {
        PeerListener listener = new PeerListener(tool, new DiscoverySocket(group));
        listener.thread.start();
        try {
            listener.socket.sendToGroup(AnnounceWriter.query(tool));
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot send a LAN discovery query: " + e.getMessage()
                    + "; check that multicast is allowed here, or give the server's HOST:PORT", e);
        }
        return listener;
    }

    private void receiveLoop() {
        while (!closing) {
            try {
                Optional<DiscoverySocket.Received> datagram = socket.receive(RECEIVE_SLICE);
                if (datagram.isPresent()) {
                    screen.screen(datagram.get()).ifPresent(d -> {
                        if (d instanceof AnnounceReader.Decoded.Announce a && a.announcement().tool().equals(tool)) {
                            record(a.announcement(), datagram.get());
                        }
                    });
                }
            } catch (IOException e) {
                if (!closing) {
                    LOG.warn("LAN discovery receive failed: {}", e.toString());
                }
                return;
            }
        }
    }

    private synchronized void record(Announcement announcement, DiscoverySocket.Received from) {
        if (table.record(announcement, from.source().getAddress(), System.nanoTime())) {
            notifyAll();
        } else {
            tableFull++;
        }
    }

    /** The services heard and not expired, in the order first heard. */
    public synchronized List<DiscoveredPeer> peers() {
        return table.live(System.nanoTime());
    }

    /**
     * Waits until a live peer matches {@code wanted} or {@code timeout} passes.
     *
     * @return every live peer that matches (empty after a timeout)
     */
    public synchronized List<DiscoveredPeer> await(Predicate<DiscoveredPeer> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<DiscoveredPeer> matching = table.live(System.nanoTime()).stream().filter(wanted).toList();
            long left = deadline - System.nanoTime();
            if (!matching.isEmpty() || left <= 0 || closing) {
                return matching;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public synchronized DiscoveryCounters counters() {
        return screen.counters(tableFull);
    }

    @Override
    public void close() {
        closing = true;
        socket.close();
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
