package dev.netlab.jmh;

import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.Timeline;
import dev.netlab.livestream.receiver.AudioJitterBuffer;
import dev.netlab.livestream.receiver.AudioSink;
import dev.netlab.livestream.receiver.PacketSource;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * livestream's audio jitter buffer: offer a window of 5 ms 48 kHz stereo packets out of order with
 * some missing, then play the window, concealing the gaps. Reported per packet played.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitterBufferBenchmark {

    static final int WINDOW = 64;
    /** 30 days of audio: no measurement runs out of packets. */
    static final long AUDIO_FRAMES = 48_000L * 86_400 * 30;

    @Param({"0", "5", "20"})
    int lossPercent;

    private AudioJitterBuffer buffer;
    private byte[] pcm;
    private int[] order;
    private boolean[] lost;
    private long base;

    @Setup(Level.Iteration)
    public void setUp() {
        AudioFormat format = new AudioFormat(48_000, 2);
        int samples = Timeline.samplesPerPacket(format, 1200);
        Timeline timeline = new Timeline(format, samples, AUDIO_FRAMES, 0, 0);
        buffer = new AudioJitterBuffer(timeline, 0, timeline.audioPackets());
        pcm = new byte[samples * format.bytesPerFrame()];
        SplittableRandom random = new SplittableRandom(1);
        random.nextBytes(pcm);
        order = new int[WINDOW];
        lost = new boolean[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            order[i] = i;
            lost[i] = random.nextInt(100) < lossPercent;
        }
        for (int i = WINDOW - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        base = 0;
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public long offerAndPlayOneWindow() throws IOException {
        for (int i : order) {
            if (!lost[i]) {
                buffer.offer(base + i, pcm, PacketSource.ORIGINAL);
            }
        }
        for (int i = 0; i < WINDOW; i++) {
            buffer.playNext(AudioSink.NONE);
        }
        base += WINDOW;
        return buffer.concealed();
    }
}
