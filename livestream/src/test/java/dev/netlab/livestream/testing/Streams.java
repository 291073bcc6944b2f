package dev.netlab.livestream.testing;

import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SampleMediaGenerator;
import dev.netlab.livestream.receiver.PlayConfig;
import dev.netlab.livestream.receiver.PlayResult;
import dev.netlab.livestream.receiver.ReceiverSession;
import dev.netlab.livestream.sender.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** Short media excerpts and one-line set-ups for loopback stream tests. */
public final class Streams {

    private Streams() {
    }

    /** The sample music, cut to {@code seconds}. */
    public static PcmAudio music(double seconds) {
        return SampleMediaGenerator.music(seconds);
    }

    /** {@code count} frames of seeded random bytes, 1 to 6 fragments each (never decoded, only moved). */
    public static FrameSequence frames(int count, long seed) {
        Random r = new Random(seed);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] f = new byte[300 + r.nextInt(6000)];
            r.nextBytes(f);
            frames.add(f);
        }
        return new FrameSequence(frames);
    }

    public static ServerConfig server(PcmAudio audio, FrameSequence frames, String fec) {
        return new ServerConfig(new InetSocketAddress("127.0.0.1", 0), audio, frames, 25, FecScheme.parse(fec),
                false, 8, Duration.ofSeconds(3));
    }

    /**
     * A receiver with a generous 1 s latency (adapting down to 0.5 s): tests assert what
     * arrives and how it is recovered, and must not fail because a busy 2-core machine starved
     * a thread. The runs are no longer for it: the server's goodbye ends playout at once.
     */
    public static PlayConfig play(InetSocketAddress server, Path outAudio, Path outFrames) {
        return new PlayConfig(server, Duration.ofSeconds(1), null, outAudio, outFrames, true);
    }

    /** Runs a receiver on its own thread. */
    public static CompletableFuture<PlayResult> runAsync(ReceiverSession session) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
