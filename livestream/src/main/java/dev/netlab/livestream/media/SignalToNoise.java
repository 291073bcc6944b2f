package dev.netlab.livestream.media;

/**
 * Signal-to-noise ratio of played audio against its source, in dB, computed as
 * {@code shared/bench/wavcmp.py} does: over the common length, all channels, sum of squared
 * reference samples over sum of squared differences; +infinity when they are identical.
 */
public final class SignalToNoise {

    private SignalToNoise() {
    }

    /** Returns NaN when the formats differ or nothing overlaps. */
    public static double decibels(PcmAudio reference, PcmAudio output) {
        if (!reference.format().equals(output.format())) {
            return Double.NaN;
        }
        int frames = Math.min(reference.frameCount(), output.frameCount());
        if (frames == 0) {
            return Double.NaN;
        }
        double signal = 0;
        double noise = 0;
        int channels = reference.format().channels();
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                double r = reference.sample(f, c);
                double d = r - output.sample(f, c);
                signal += r * r;
                noise += d * d;
            }
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }
}
