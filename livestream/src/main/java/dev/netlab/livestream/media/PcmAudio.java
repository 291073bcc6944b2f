package dev.netlab.livestream.media;

import java.util.Arrays;

/**
 * A whole clip of 16-bit PCM audio in memory: its format and its sample frames as the
 * little-endian interleaved bytes a WAV file holds. Immutable; {@link #bytes()} copies.
 */
public final class PcmAudio {

    private final AudioFormat format;
    private final byte[] data;

    public PcmAudio(AudioFormat format, byte[] data) {
        if (data.length % format.bytesPerFrame() != 0) {
            throw new IllegalArgumentException("PCM data length " + data.length
                    + " is not a multiple of the frame size " + format.bytesPerFrame());
        }
        this.format = format;
        this.data = data.clone();
    }

    public AudioFormat format() {
        return format;
    }

    /** Number of sample frames (one sample per channel). */
    public int frameCount() {
        return data.length / format.bytesPerFrame();
    }

    public byte[] bytes() {
        return data.clone();
    }

    /** Bytes of frames [from, from + count), clipped to the end of the clip. */
    public byte[] slice(int fromFrame, int frameCount) {
        int bpf = format.bytesPerFrame();
        int start = Math.min(data.length, fromFrame * bpf);
        int end = Math.min(data.length, start + frameCount * bpf);
        return Arrays.copyOfRange(data, start, end);
    }

    /** Sample {@code channel} of frame {@code frame} as a signed 16-bit value. */
    public short sample(int frame, int channel) {
        int at = (frame * format.channels() + channel) * 2;
        return (short) ((data[at] & 0xFF) | (data[at + 1] << 8));
    }

    public double durationSeconds() {
        return frameCount() / (double) format.sampleRate();
    }
}
