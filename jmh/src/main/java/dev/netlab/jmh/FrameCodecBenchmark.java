package dev.netlab.jmh;

import dev.netlab.common.frame.Frame;
import dev.netlab.common.frame.FrameFormat;
import dev.netlab.common.frame.FrameReader;
import dev.netlab.common.frame.FrameWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * common's frame codec: write a batch of frames of one payload size into memory and read them
 * back, as a filetransfer connection does for every chunk. Reported per frame round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameCodecBenchmark {

    /** Frames per batch: enough that setting up the batch is noise. */
    static final int FRAMES_PER_BATCH = 16;

    @Param({"64", "65536", "1048576"})
    int payloadSize;

    private MemoryChannel channel;
    private FrameWriter writer;
    private ByteBuffer payload;

    @Setup
    public void setUp() {
        channel = new MemoryChannel(FRAMES_PER_BATCH * (payloadSize + FrameFormat.HEADER_LENGTH));
        writer = new FrameWriter(channel);
        byte[] bytes = new byte[payloadSize];
        new SplittableRandom(1).nextBytes(bytes);
        payload = ByteBuffer.wrap(bytes);
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(FRAMES_PER_BATCH)
    public long writeThenReadFrames() throws IOException {
        channel.rewindForWriting();
        for (int i = 0; i < FRAMES_PER_BATCH; i++) {
            writer.write(1, 0, payload.duplicate());
        }
        channel.flipForReading();
        FrameReader reader = new FrameReader(channel, FrameFormat.MAX_PAYLOAD_LENGTH);
        long seen = 0;
        for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
            seen += frame.payload().remaining();
        }
        return seen;
    }
}
