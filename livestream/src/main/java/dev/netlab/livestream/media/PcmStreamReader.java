package dev.netlab.livestream.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads raw 16-bit PCM (s16le, interleaved) from a stream in whole sample frames, blocking
 * until they arrive. At the end of input it returns what whole frames are left and remembers
 * how many bytes of an incomplete frame it had to drop. Not thread-safe.
 */
final class PcmStreamReader {

    private final InputStream in;
    private final int bytesPerFrame;
    private boolean ended;
    private long framesRead;
    private int strayBytes;

    PcmStreamReader(InputStream in, AudioFormat format) {
        this.in = in;
        this.bytesPerFrame = format.bytesPerFrame();
    }

    /** Up to {@code count} sample frames; fewer only at the end of input, none ever after. */
    byte[] read(int count) throws IOException {
        if (ended) {
            return new byte[0];
        }
        byte[] buf = new byte[count * bytesPerFrame];
        int have = 0;
        while (have < buf.length) {
            int n = in.read(buf, have, buf.length - have);
            if (n < 0) {
                ended = true;
                break;
            }
            have += n;
        }
        int whole = have - have % bytesPerFrame;
        strayBytes = have - whole;
        framesRead += whole / bytesPerFrame;
        return whole == buf.length ? buf : Arrays.copyOf(buf, whole);
    }

    boolean ended() {
        return ended;
    }

    long framesRead() {
        return framesRead;
    }

    /** Bytes of an incomplete last sample frame dropped at the end of input (0 if none). */
    int strayBytes() {
        return strayBytes;
    }
}
