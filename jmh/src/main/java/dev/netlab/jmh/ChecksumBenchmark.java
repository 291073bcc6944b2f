package dev.netlab.jmh;

import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.DigestAlgorithm.StreamingDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-byte work of a filetransfer chunk over a 1 MiB buffer (the default chunk): the CRC32C
 * each chunk carries, and the whole-file digests it feeds, XXH3-128 (default) and SHA-256, as
 * filetransfer's own {@link DigestAlgorithm} computes them. Divide 1 MiB by the time for MiB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChecksumBenchmark {

    /** filetransfer's default chunk size. */
    static final int BUFFER_SIZE = 1024 * 1024;

    private byte[] buffer;
    private final CRC32C crc = new CRC32C();

    @Setup
    public void setUp() {
        buffer = new byte[BUFFER_SIZE];
        new SplittableRandom(1).nextBytes(buffer);
    }

    @Benchmark
    public long crc32cOfOneChunk() {
        crc.reset();
        crc.update(buffer, 0, buffer.length);
        return crc.getValue();
    }

    @Benchmark
    public byte[] xxh3With128BitsOfOneMebibyte() {
        return digest(DigestAlgorithm.XXH128);
    }

    @Benchmark
    public byte[] sha256OfOneMebibyte() {
        return digest(DigestAlgorithm.SHA256);
    }

    private byte[] digest(DigestAlgorithm algorithm) {
        StreamingDigest digest = algorithm.newDigest();
        digest.update(buffer, 0, buffer.length);
        return digest.finish();
    }
}
