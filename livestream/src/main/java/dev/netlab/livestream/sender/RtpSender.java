package dev.netlab.livestream.sender;

import dev.netlab.common.metrics.LatencyRecorder;
import dev.netlab.common.metrics.Percentiles;
import dev.netlab.livestream.forward.PlayerForward;
import dev.netlab.livestream.media.ClipSource;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.rtp.RtpFormat;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a clip as plain RTP to one player, paced by the media clock: each 5 ms of audio as an
 * L16 packet at its first sample's time, each frame as RTP/JPEG at its own time (frames past
 * the audio's end are not sent), through a {@link PlayerForward}, which makes the same packets
 * {@code play --forward} does. Runs on the caller's thread; not reusable.
 */
public final class RtpSender {

    private final ClipSource clip;
    private final PlayerForward player;
    private final Timeline timeline;
    private final LatencyRecorder deviation = new LatencyRecorder();

    /** {@code fps} is used only when the clip has frames. */
    public RtpSender(ClipSource clip, double fps, PlayerForward player) {
        this.clip = clip;
        this.player = player;
        int spp = Timeline.samplesPerPacket(clip.format(), RtpFormat.MAX_PAYLOAD_LENGTH);
        int fpsMilli = clip.hasVideo() ? (int) Math.round(fps * 1000) : 0;
        this.timeline = new Timeline(clip.format(), spp, clip.audioFrames(), fpsMilli, clip.videoFrames());
    }

    /** Writes the SDP (if the player has a file for it) and sends the whole clip, paced. */
    public void run() throws IOException {
        player.start(timeline, clip.hasVideo());
        long start = System.nanoTime();
        long packets = timeline.audioPackets();
        long frames = timeline.framesPerPass();
        long k = 0;
        long n = 0;
        while (k < packets || n < frames) {
            long audioAt = k < packets ? timeline.audioPacketNanos(k) : Long.MAX_VALUE;
            long frameAt = n < frames ? timeline.frameNanos(n) : Long.MAX_VALUE;
            long due = start + Math.min(audioAt, frameAt);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            deviation.recordNanos(System.nanoTime() - due);
            if (audioAt <= frameAt) {
                player.write(clip.audio(k * timeline.samplesPerPacket(), timeline.framesInPacket(k)));
                k++;
            } else {
                player.show(n, clip.frame(n), false);
                n++;
            }
        }
    }

    /** Packet duration in milliseconds, for the SDP's ptime. */
    public double packetMillis() {
        return timeline.samplesPerPacket() * 1000.0 / clip.format().sampleRate();
    }

    public Percentiles deviation() {
        return deviation.snapshot();
    }
}
