package dev.netlab.livestream.sender;

import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes one broadcast server. {@code frames} may be null (audio only).
 *
 * @param subscriberTimeout a subscriber not heard from (heartbeat, report, NACK) for this long is dropped
 */
public record ServerConfig(InetSocketAddress bind, PcmAudio audio, FrameSequence frames, double fps,
                           FecScheme fec, boolean loop, int maxSubscribers, Duration subscriberTimeout) {

    /** Default frame rate of the sample frames. */
    public static final double DEFAULT_FPS = 25;
    /**
     * Default subscriber cap: the target is 64 subscribers on a 2-core machine; the
     * default leaves headroom above it while bounding the fan-out work per packet.
     */
    public static final int DEFAULT_MAX_SUBSCRIBERS = 100;
    /** Default timeout: 12 missed heartbeats (they come every 250 ms), tolerant of heavy loss. */
    public static final Duration DEFAULT_SUBSCRIBER_TIMEOUT = Duration.ofSeconds(3);

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(fec, "fec");
        if (frames != null && (fps <= 0 || fps > 1000)) {
            throw new IllegalArgumentException("fps " + fps + " not in (0, 1000]");
        }
        if (maxSubscribers < 1) {
            throw new IllegalArgumentException("max subscribers " + maxSubscribers + " < 1");
        }
    }
}
