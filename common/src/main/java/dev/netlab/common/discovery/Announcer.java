package dev.netlab.common.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces one service on the LAN: sends its ANNOUNCE to the group every {@link #INTERVAL}, and
 * at once when a QUERY for its tool arrives (queries closer together than {@link #MIN_ANSWER_GAP}
 * share one answer, so a query flood cannot make it flood). The answer goes to the group, never
 * back to the query's source, so a forged source cannot aim it at anyone. The announce is read
 * from a supplier each time, so a new pairing code's rendezvous id goes out with the next one.
 * Its one thread is stopped by {@link #close()}.
 */
public final class Announcer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);
    /** Every 2 s: a client that missed the query's answer still hears one within 2 s. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Answers to queries are at least this far apart. */
    static final Duration MIN_ANSWER_GAP = Duration.ofMillis(100);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final DiscoverySocket socket;
    private final Supplier<Announcement> announcement;
    private final DatagramScreen screen = new DatagramScreen();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean announceSoon;

    private Announcer(DiscoverySocket socket, Supplier<Announcement> announcement) {
        this.socket = socket;
        this.announcement = announcement;
        this.thread = new Thread(this::loop, "discovery-announcer");
        this.thread.setDaemon(true);
    }

    /** Joins {@code group}, sends the first announce, and keeps announcing until closed. */
    public static Announcer start(DiscoveryGroup group, Supplier<Announcement> announcement) throws IOException {
        AnnounceWriter.announce(announcement.get()); // refuses a bad name or version here, not on the thread
        Announcer announcer = new Announcer(new DiscoverySocket(group), announcement);
        announcer.thread.start();
        return announcer;
    }

    /** Announce now rather than at the next tick, e.g. after the pairing code changed. */
    public void announceNow() {
        announceSoon = true;
    }

    private void loop() {
        long nextTick = System.nanoTime();
        long lastSent = Long.MIN_VALUE / 2;
        while (!closing) {
            try {
                long now = System.nanoTime();
                boolean answerDue = announceSoon && now - lastSent >= MIN_ANSWER_GAP.toNanos();
                if (now >= nextTick || answerDue) {
                    announceSoon = false;
                    socket.sendToGroup(AnnounceWriter.announce(announcement.get()));
                    lastSent = now;
                    nextTick = now + INTERVAL.toNanos();
                    continue;
                }
                long wake = announceSoon ? Math.min(nextTick, lastSent + MIN_ANSWER_GAP.toNanos()) : nextTick;
                Optional<DiscoverySocket.Received> datagram = socket.receive(Duration.ofNanos(wake - now));
                if (datagram.isPresent()) {
                    screen.screen(datagram.get()).ifPresent(this::onDatagram);
                }
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                LOG.warn("LAN announce failed: {}", e.toString());
                nextTick = System.nanoTime() + INTERVAL.toNanos();
            }
        }
    }

    private void onDatagram(AnnounceReader.Decoded decoded) {
        if (decoded instanceof AnnounceReader.Decoded.Query query
                && (query.tool().isEmpty() || query.tool().equals(announcement.get().tool()))) {
            announceSoon = true;
        }
    }

    /** What the announcer's own receiver has counted (queries, and others' announces it ignores). */
    public DiscoveryCounters counters() {
        return screen.counters(0);
    }

    @Override
    public void close() {
        closing = true;
        socket.close();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
