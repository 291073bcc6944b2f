package dev.netlab.filetransfer.pairing;

import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.discovery.Announcement;
import dev.netlab.common.discovery.Announcer;
import dev.netlab.common.discovery.DiscoveredPeer;
import dev.netlab.common.discovery.DiscoveryGroup;
import dev.netlab.common.discovery.NothingAnnouncedException;
import dev.netlab.common.discovery.PeerListener;
import dev.netlab.filetransfer.tls.Fingerprint;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * A filetransfer server's presence on the LAN, both ends: {@link #announce} makes a {@code --lan}
 * server announce its port, certificate fingerprint and current rendezvous id; {@link #find}
 * gives a client the addresses of the servers announcing a code's rendezvous id. Either is a hint
 * only: the pairing proves which server knows the code.
 */
public final class LanPresence implements Closeable {

    public static final String TOOL = "filetransfer";
    /** How long a client listens for a code's server: the query is answered at once, the periodic announce within 2 s. */
    public static final Duration FIND_WAIT = Announcer.INTERVAL.plusSeconds(1);
    /**
     * How long a client listens for another server with the same rendezvous id after the one it
     * found refused the code: a query is answered at once, so this is only slack for a busy host.
     */
    public static final Duration OTHERS_WAIT = Duration.ofMillis(500);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Announcer announcer;

    private LanPresence(Announcer announcer) {
        this.announcer = announcer;
    }

    /** Starts announcing; the rendezvous id is read from {@code keeper} at each announce. */
    public static LanPresence announce(String name, int port, Fingerprint fingerprint, PairingCodeKeeper keeper)
            throws IOException {
        return announce(DiscoveryGroup.fromEnvironment(), name, port, fingerprint, keeper);
    }

    /** On another group than the environment's, e.g. {@link DiscoveryGroup#privateOnLoopback()} for the demo. */
    public static LanPresence announce(DiscoveryGroup group, String name, int port, Fingerprint fingerprint,
                                       PairingCodeKeeper keeper) throws IOException {
        long instance = RANDOM.nextLong();
        String version = VersionProvider.version();
        byte[] digest = fingerprint.digest();
        return new LanPresence(Announcer.start(group, () -> new Announcement(instance, TOOL,
                version, name, Announcement.ServiceTransport.TCP, port, OptionalInt.of(keeper.current().rendezvousId()),
                digest)));
    }

    /** Announce now, e.g. after the code was retired for a new one. */
    public void announceNow() {
        announcer.announceNow();
    }


    /**
     * The servers announcing {@code code}'s rendezvous id, returned as soon as the first is heard
     * (in the order heard: usually one). A second server with the same id, an impostor or a
     * coincidence, is found by {@link #findOthers} once the first one has refused the code, so
     * nobody waits for a second answer that almost never comes.
     *
     * @throws NothingAnnouncedException when none is heard within {@code wait}, saying what to try
     */
    public static List<InetSocketAddress> find(PairingCode code, Duration wait, String instead) throws IOException {
        return find(DiscoveryGroup.fromEnvironment(), code, wait, instead);
    }

    /** On another group than the environment's. */
    public static List<InetSocketAddress> find(DiscoveryGroup group, PairingCode code, Duration wait, String instead)
            throws IOException {
        List<InetSocketAddress> found = listen(group, code, List.of(), wait);
        if (found.isEmpty()) {
            throw NothingAnnouncedException.nothingHeard("no filetransfer server with pairing code "
                    + String.format("%04d", code.rendezvousId()) + "-...", wait, instead);
        }
        return found;
    }

    /** The servers announcing {@code code}'s rendezvous id other than {@code tried}; empty when none answers within {@code wait}. */
    public static List<InetSocketAddress> findOthers(PairingCode code, Collection<InetSocketAddress> tried, Duration wait)
            throws IOException {
        return listen(DiscoveryGroup.fromEnvironment(), code, tried, wait);
    }

    private static List<InetSocketAddress> listen(DiscoveryGroup group, PairingCode code,
                                                  Collection<InetSocketAddress> tried, Duration wait) throws IOException {
        Predicate<DiscoveredPeer> wanted = p -> matches(p, code) && !tried.contains(p.serviceAddress());
        try (PeerListener listener = PeerListener.start(group, TOOL)) {
            return listener.await(wanted, wait).stream().map(DiscoveredPeer::serviceAddress).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while looking for the server on the LAN");
        }
    }

    private static boolean matches(DiscoveredPeer peer, PairingCode code) {
        OptionalInt id = peer.announcement().rendezvousId();
        return id.isPresent() && id.getAsInt() == code.rendezvousId();
    }

    @Override
    public void close() {
        announcer.close();
    }
}
