package dev.netlab.livestream.receiver;

import dev.netlab.livestream.media.AudioFormat;

/**
 * Makes up audio for packets that never arrived. It keeps the last {@link #HISTORY_NANOS} of
 * played audio, estimates its pitch period by autocorrelation, and continues the waveform by
 * repeating the last period (waveform matching, so a note keeps sounding instead of clicking to
 * silence). When the packet after the gap is already buffered, it also extends that packet
 * backwards by one period and cross-fades from the past into the future across the gap; with
 * no future packet the continuation fades out over {@link #FADE_NANOS}. Not thread-safe.
 */
public final class AudioConcealer {

    /** History kept: enough for two periods of the lowest pitch searched (50 Hz). */
    static final long HISTORY_NANOS = 45_000_000L;
    /** A continuation with nothing to fade into reaches silence after this long. */
    static final long FADE_NANOS = 60_000_000L;
    /** Pitch periods searched: 2.5 ms (400 Hz) to 20 ms (50 Hz). */
    static final long MIN_PERIOD_NANOS = 2_500_000L;
    static final long MAX_PERIOD_NANOS = 20_000_000L;

    private final AudioFormat format;
    private final int channels;
    private final short[] history;
    private int historyFrames;
    private long concealedFramesInARow;
    private int cachedPeriod = -1;

    public AudioConcealer(AudioFormat format) {
        this.format = format;
        this.channels = format.channels();
        this.history = new short[(int) Math.max(4, format.framesIn(HISTORY_NANOS)) * channels];
    }

    /** Records audio that was played (received or concealed), interleaved little-endian PCM. */
    public void played(byte[] pcm, boolean concealed) {
        int frames = pcm.length / format.bytesPerFrame();
        concealedFramesInARow = concealed ? concealedFramesInARow + frames : 0;
        int samples = frames * channels;
        int keep = Math.min(history.length, samples);
        int shift = Math.min(historyFrames * channels, history.length - keep);
        System.arraycopy(history, historyFrames * channels - shift, history, 0, shift);
        for (int i = 0; i < keep; i++) {
            int at = (samples - keep + i) * 2;
            history[shift + i] = (short) ((pcm[at] & 0xFF) | (pcm[at + 1] << 8));
        }
        historyFrames = (shift + keep) / channels;
    }

    /**
     * Audio for the first {@code frames} sample frames of a gap of {@code gapFrames} frames,
     * as PCM bytes. {@code next} is the PCM of the packet after the gap, or null if it is not
     * there (yet).
     */
    public byte[] conceal(int frames, int gapFrames, byte[] next) {
        double fadeFrames = format.framesIn(FADE_NANOS);
        if (next == null && concealedFramesInARow >= fadeFrames) {
            return new byte[frames * format.bytesPerFrame()];
        }
        // One pitch search per gap: the history only gains our own continuation meanwhile.
        if (concealedFramesInARow == 0 || cachedPeriod < 0) {
            cachedPeriod = pitchPeriod();
        }
        int period = cachedPeriod;
        int nextFrames = next == null ? 0 : next.length / format.bytesPerFrame();
        boolean blend = next != null && period > 0 && nextFrames >= period;
        byte[] out = new byte[frames * format.bytesPerFrame()];
        for (int i = 0; i < frames; i++) {
            double w = blend ? (i + 1) / (double) (gapFrames + 1) : 0;
            double gain = blend ? 1 : Math.max(0, 1 - (concealedFramesInARow + i) / fadeFrames);
            for (int c = 0; c < channels; c++) {
                double past = period > 0 ? history[((historyFrames - period) + (i % period)) * channels + c] : 0;
                double future = 0;
                if (blend) {
                    int j = Math.floorMod(i - gapFrames, period);
                    int at = (j * channels + c) * 2;
                    future = (short) ((next[at] & 0xFF) | (next[at + 1] << 8));
                }
                long v = Math.round((1 - w) * past * gain + w * future);
                v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
                int at = (i * channels + c) * 2;
                out[at] = (byte) v;
                out[at + 1] = (byte) (v >> 8);
            }
        }
        return out;
    }

    /**
     * The lag with the highest normalised autocorrelation of the recent history, or 0 if none.
     * A coarse pass (every second lag, every second sample) then a fine pass around its best
     * keep one search near 0.2 M multiply-adds at 48 kHz, cheap enough even when a starved
     * receiver conceals many packets at once.
     */
    int pitchPeriod() {
        int minLag = (int) Math.max(1, format.framesIn(MIN_PERIOD_NANOS));
        int maxLag = (int) Math.min(format.framesIn(MAX_PERIOD_NANOS), historyFrames / 2);
        if (maxLag < minLag) {
            return historyFrames > 0 ? historyFrames : 0;
        }
        double[] mono = new double[historyFrames];
        for (int f = 0; f < historyFrames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += history[f * channels + c];
            }
            mono[f] = sum / channels;
        }
        int best = minLag;
        double bestScore = -2;
        for (int lag = minLag; lag <= maxLag; lag += 2) {
            double score = correlation(mono, lag, maxLag, 2);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        int coarse = best;
        bestScore = -2;
        for (int lag = Math.max(minLag, coarse - 2); lag <= Math.min(maxLag, coarse + 2); lag++) {
            double score = correlation(mono, lag, maxLag, 1);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    private double correlation(double[] mono, int lag, int window, int step) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int n = mono.length - window; n < mono.length; n += step) {
            double x = mono[n];
            double y = mono[n - lag];
            xy += x * y;
            xx += x * x;
            yy += y * y;
        }
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }
}
