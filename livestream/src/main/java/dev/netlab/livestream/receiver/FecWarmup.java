package dev.netlab.livestream.receiver;

import dev.netlab.livestream.fec.FecDecoder;
import dev.netlab.livestream.fec.FecEncoder;
import dev.netlab.livestream.fec.FecScheme;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a FEC scheme through a few blocks of dummy packets, with a loss per block, before
 * media flows. The first repairs a JVM computes run interpreted and took 75-300 ms on the
 * 2-core test machine; done mid-stream, that stalled the paced sender and made a whole
 * playout window late. Warming up at start moves the cost to where no deadline is running.
 */
public final class FecWarmup {

    /** Blocks run through the encoder and decoder; enough for the JIT to compile the XOR loops. */
    static final int BLOCKS = 40;
    /** Size of the dummy packets: a 5 ms 48 kHz stereo audio datagram. */
    static final int PACKET_LENGTH = 976;

    private FecWarmup() {
    }

    /** Schemes already warmed in this JVM: the JIT's work is shared by every later user. */
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();

    /** Warms {@code scheme} once per JVM; later calls return at once. */
    public static void warm(FecScheme scheme) {
        int span = scheme.blockSpan();
        if (span == 0 || !WARMED.add(scheme.spec())) {
            return;
        }
        FecEncoder encoder = scheme.newEncoder();
        FecDecoder decoder = scheme.newDecoder();
        byte[] packet = new byte[PACKET_LENGTH];
        for (int i = 0; i < BLOCKS * span; i++) {
            Arrays.fill(packet, (byte) i);
            for (byte[] repair : encoder.add(i, packet)) {
                decoder.addRepair(repair);
            }
            if (i % span != 1) {
                decoder.addSource(i, packet);
            }
            decoder.drainRecovered();
        }
    }
}
