package dev.netlab.livestream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.media.PcmAudio;

/** Audio comparisons that say where two clips differ instead of dumping megabytes of bytes. */
public final class AudioAssert {

    private AudioAssert() {
    }

    public static void assertBitExact(PcmAudio expected, PcmAudio actual) {
        assertThat(actual.format()).isEqualTo(expected.format());
        assertThat(actual.frameCount()).as("sample frames").isEqualTo(expected.frameCount());
        byte[] a = expected.bytes();
        byte[] b = actual.bytes();
        int firstDifference = -1;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                firstDifference = i;
                break;
            }
        }
        assertThat(firstDifference).as("first differing byte (frame %d)",
                firstDifference / expected.format().bytesPerFrame()).isEqualTo(-1);
    }
}
