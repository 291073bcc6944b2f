package dev.netlab.livestream.receiver;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes one receiver run. {@code duration}, {@code outAudio} and
 * {@code outFrames} may be null (play to the end, no files). {@code nack} false turns selective
 * retransmission off (for measuring what FEC and concealment do alone).
 */
public record PlayConfig(InetSocketAddress server, Duration latency, Duration duration, Path outAudio, Path outFrames,
                         boolean nack) {

    /** Default playout latency: the target and SRT's default window (120 ms) ballpark. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(100);
    /** Smallest latency accepted: below it even loopback scheduling noise would make packets late. */
    public static final Duration MIN_LATENCY = Duration.ofMillis(10);
    /** Largest latency accepted: the jitter buffer holds 10 s and adapts up to 2x. */
    public static final Duration MAX_LATENCY = Duration.ofSeconds(5);

    public PlayConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(latency, "latency");
        if (latency.compareTo(MIN_LATENCY) < 0 || latency.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("latency " + latency.toMillis() + " ms not in "
                    + MIN_LATENCY.toMillis() + ".." + MAX_LATENCY.toMillis() + " ms");
        }
    }
}
