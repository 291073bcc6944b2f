package dev.netlab.livestream.media;

/**
 * The shape of 16-bit PCM audio: sample rate and channel count. Samples are signed 16-bit,
 * interleaved, little-endian (as in a WAV file), so one frame (one sample per channel) is
 * {@code 2 * channels} bytes.
 */
public record AudioFormat(int sampleRate, int channels) {

    /** Highest rate accepted: beyond this one 5 ms packet would no longer be "short". */
    public static final int MAX_SAMPLE_RATE = 384_000;

    public AudioFormat {
        if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " not in 1.." + MAX_SAMPLE_RATE);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels " + channels + " not 1 or 2");
        }
    }

    public int bytesPerFrame() {
        return 2 * channels;
    }

    /** Sample frames in {@code nanos} of audio, rounded down. */
    public long framesIn(long nanos) {
        return nanos * sampleRate / 1_000_000_000L;
    }

    /** Nanoseconds from the start of the audio to sample frame {@code frame}. */
    public long nanosAt(long frame) {
        return frame * 1_000_000_000L / sampleRate;
    }
}
