package dev.netlab.common.discovery;

import dev.netlab.common.metrics.Counter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every received discovery datagram passes before anything looks at it: size, the
 * source's rate ({@link FloodGuard}), then the format ({@link AnnounceReader}). Whatever fails is
 * counted and dropped, never thrown. Used by one receiving thread; the counters may be read from any.
 */
final class DatagramScreen {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramScreen.class);

    final Counter accepted = new Counter();
    final Counter malformed = new Counter();
    final Counter oversized = new Counter();
    final Counter flooding = new Counter();
    private final FloodGuard floodGuard = new FloodGuard();

    Optional<AnnounceReader.Decoded> screen(DiscoverySocket.Received datagram) {
        if (datagram.length() > AnnounceFormat.MAX_DATAGRAM) {
            oversized.increment();
            return Optional.empty();
        }
        if (!floodGuard.admit(datagram.source().getAddress(), System.nanoTime())) {
            flooding.increment();
            return Optional.empty();
        }
        try {
            AnnounceReader.Decoded decoded = AnnounceReader.read(datagram.data(), 0, datagram.length());
            accepted.increment();
            return Optional.of(decoded);
        } catch (MalformedAnnounceException e) {
            malformed.increment();
            LOG.debug("dropped a discovery datagram from {}: {}", datagram.source(), e.getMessage());
            return Optional.empty();
        }
    }

    DiscoveryCounters counters(long tableFull) {
        return new DiscoveryCounters(accepted.get(), malformed.get(), oversized.get(), flooding.get(), tableFull);
    }
}
