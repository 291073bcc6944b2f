package dev.netlab.jmh;

import dev.netlab.livestream.fec.FecDecoder;
import dev.netlab.livestream.fec.FecEncoder;
import dev.netlab.livestream.fec.FecScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * livestream's FEC over one block of 48 kHz stereo audio datagrams (5 ms, 960 bytes of PCM plus
 * header): encoding a block, and decoding it with its first packet lost so that a repair must
 * rebuild it, a fresh encoder or decoder each time as a new stream would have. Reported per block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FecBenchmark {

    /** A 5 ms 48 kHz stereo packet with a 16-byte header. */
    static final int DATAGRAM_SIZE = 976;

    @Param({"xor-row:4", "xor-2d:4x4", "rs:8+2", "rs:10+2"})
    String scheme;

    private FecScheme fec;
    private byte[][] block;
    private List<byte[]> repairs;
    private int firstSequence;

    @Setup(Level.Trial)
    public void setUp() {
        fec = FecScheme.parse(scheme);
        SplittableRandom random = new SplittableRandom(1);
        block = new byte[fec.blockSpan()][DATAGRAM_SIZE];
        for (byte[] datagram : block) {
            random.nextBytes(datagram);
        }
        repairs = encode();
    }

    private List<byte[]> encode() {
        FecEncoder encoder = fec.newEncoder();
        List<byte[]> produced = new ArrayList<>();
        for (int i = 0; i < block.length; i++) {
            produced.addAll(encoder.add(firstSequence + i, block[i]));
        }
        return produced;
    }

    @Benchmark
    public List<byte[]> encodeOneBlock() {
        return encode();
    }

    @Benchmark
    public int decodeOneBlockWithTheFirstPacketLost() {
        FecDecoder decoder = fec.newDecoder();
        for (int i = 1; i < block.length; i++) {
            decoder.addSource(firstSequence + i, block[i]);
        }
        for (byte[] repair : repairs) {
            decoder.addRepair(repair);
        }
        return decoder.drainRecovered().size();
    }
}
