package dev.netlab.livestream.cli;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.discovery.Announcement;
import dev.netlab.common.discovery.Announcer;
import dev.netlab.common.discovery.DiscoveredPeer;
import dev.netlab.common.discovery.DiscoveryGroup;
import dev.netlab.common.discovery.NothingAnnouncedException;
import dev.netlab.common.discovery.PeerListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * livestream on the LAN: {@code serve --lan} announces its stream, {@code play} without an
 * address finds one by {@code --name} or as the only one announcing. The announce is a hint: a
 * stream is public on the link anyway (no pairing, no fingerprint).
 */
final class LanStreams {

    static final String TOOL = "livestream";
    /** The query is answered at once; the periodic announce comes within 2 s. */
    static final Duration FIND_WAIT = Announcer.INTERVAL.plusSeconds(1);
    /** After the first stream is heard, this much longer to hear any others before deciding there is one. */
    static final Duration OTHERS_GRACE = Duration.ofMillis(300);

    private LanStreams() {
    }

    static Announcer announce(String name, int port) throws IOException {
        long instance = new SecureRandom().nextLong();
        Announcement announcement = new Announcement(instance, TOOL, VersionProvider.version(), name,
                Announcement.ServiceTransport.UDP, port, OptionalInt.empty(), new byte[0]);
        return Announcer.start(DiscoveryGroup.fromEnvironment(), () -> announcement);
    }


    /**
     * The stream named {@code name}, or with {@code name} null the only stream announcing. Several
     * and no name: they are listed on {@code err} and the command fails with exit code 2.
     */
    static InetSocketAddress find(String name, PrintWriter err) throws IOException {
        try (PeerListener listener = PeerListener.start(DiscoveryGroup.fromEnvironment(), TOOL)) {
            List<DiscoveredPeer> found = listener.await(p -> name == null || p.announcement().name().equals(name), FIND_WAIT);
            if (found.isEmpty()) {
                throw NothingAnnouncedException.nothingHeard(name == null ? "no stream"
                        : "no stream named '" + name + "'", FIND_WAIT, "livestream play HOST:PORT");
            }
            if (name != null) {
                return found.get(0).serviceAddress();
            }
            listener.await(p -> false, OTHERS_GRACE);
            List<DiscoveredPeer> all = listener.peers();
            if (all.size() == 1) {
                return all.get(0).serviceAddress();
            }
            for (DiscoveredPeer p : all) {
                err.println("  " + p.announcement().name() + "  " + p.serviceText());
            }
            err.flush();
            throw new CommandFailedException(ExitCodes.USAGE, all.size() + " streams announce themselves (listed above);"
                    + " choose one with --name NAME");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking for streams on the LAN");
        }
    }
}
