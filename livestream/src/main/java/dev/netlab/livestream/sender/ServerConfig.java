package dev.netlab.livestream.sender;

import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.media.ClipSource;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.MediaSource;
import dev.netlab.livestream.media.PcmAudio;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes one broadcast server: where it listens, what it sends (a clip or a
 * live source) and how. A live source is read once, so it cannot {@code loop}.
 *
 * @param subscriberTimeout a subscriber not heard from (heartbeat, report, NACK) for this long is dropped
 */
public record ServerConfig(InetSocketAddress bind, MediaSource media, double fps,
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
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(fec, "fec");
        if (loop && !media.rewindable()) {
            throw new IllegalArgumentException("loop needs media that can be read again: a WAV (and frames), not a live source");
        }
        if (media.hasVideo() && (fps <= 0 || fps > 1000)) {
            throw new IllegalArgumentException("fps " + fps + " not in (0, 1000]");
        }
        if (maxSubscribers < 1) {
            throw new IllegalArgumentException("max subscribers " + maxSubscribers + " < 1");
        }
    }

    /** A clip held in memory: {@code audio} and, if not null, {@code frames}. */
    public ServerConfig(InetSocketAddress bind, PcmAudio audio, FrameSequence frames, double fps, FecScheme fec,
                        boolean loop, int maxSubscribers, Duration subscriberTimeout) {
        this(bind, new ClipSource(audio, frames), fps, fec, loop, maxSubscribers, subscriberTimeout);
    }
}
