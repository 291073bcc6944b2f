package dev.netlab.livestream.receiver;

import dev.netlab.livestream.media.AudioFormat;
import java.util.Arrays;

/**
 * Makes up audio for packets that never arrived. It keeps the last {@link #HISTORY_NANOS} of
 * played audio, estimates its pitch period by autocorrelation, and continues the waveform by
 * repeating the last period (waveform matching, so a note keeps sounding instead of clicking to
 * silence). When the packet after the gap is already buffered, it also extends that packet
 * backwards by one period and cross-fades from the past into the future across the gap; with
 * no future packet the continuation fades out over {@link #FADE_NANOS}.
 *
 * <p>Concealment runs on the receive thread exactly when the receiver is losing packets, often
 * because the machine is short of CPU, so it must stay cheap: the pitch is searched once per
 * loss run, first on a signal decimated to {@link #SEARCH_RATE_HZ}, then refined around the
 * best few lags at the full rate, in int arithmetic the JIT vectorises; every buffer is
 * allocated once. The array {@link #conceal} returns is reused by the next call. Not thread-safe.
 */
public final class AudioConcealer {

    /** History kept: enough for two periods of the lowest pitch searched (50 Hz). */
    static final long HISTORY_NANOS = 45_000_000L;
    /** A continuation with nothing to fade into reaches silence after this long. */
    static final long FADE_NANOS = 60_000_000L;
    /** Pitch periods searched: 2.5 ms (400 Hz) to 20 ms (50 Hz). */
    static final long MIN_PERIOD_NANOS = 2_500_000L;
    static final long MAX_PERIOD_NANOS = 20_000_000L;
    /**
     * Rate of the coarse pitch search. 8 kHz resolves every period searched (a 400 Hz pitch is
     * 20 samples) and cuts the work of a 48 kHz search by 36 (6 x fewer lags, 6 x shorter
     * windows); the full-rate refinement then only tries the lags a coarse step stands for.
     */
    static final int SEARCH_RATE_HZ = 8_000;
    /**
     * Coarse peaks refined at the full rate. The decimated signal has lost its upper partials,
     * so its best lag is sometimes a neighbouring peak of the full signal's; refining the best
     * three finds the full-rate winner again at three times the (small) refinement cost.
     */
    static final int PITCH_CANDIDATES = 3;
    private static final double TAKEN = -3;

    private final AudioFormat format;
    private final int channels;
    private final short[] history;
    private int historyFrames;
    private long concealedFramesInARow;
    private final long fadeFrames;
    private final int minLag;
    private final int maxLag;
    private final int decimation;
    /** Scratch for the pitch search: mono history at the full and at the search rate. */
    private final int[] mono;
    private final int[] decimated;
    /** Running sums of squares of the signal being searched: energy[n] is that of x[0..n). */
    private final long[] energy;
    /** Scores of the coarse lags, then {@link #TAKEN} for those already refined. */
    private final double[] coarseScores;
    private byte[] out = new byte[0];
    private int cachedPeriod = -1;

    public AudioConcealer(AudioFormat format) {
        this.format = format;
        this.channels = format.channels();
        int historyCapacity = (int) Math.max(4, format.framesIn(HISTORY_NANOS));
        this.history = new short[historyCapacity * channels];
        this.fadeFrames = format.framesIn(FADE_NANOS);
        this.minLag = (int) Math.max(1, format.framesIn(MIN_PERIOD_NANOS));
        this.maxLag = (int) format.framesIn(MAX_PERIOD_NANOS);
        this.decimation = Math.max(1, Math.round(format.sampleRate() / (float) SEARCH_RATE_HZ));
        this.mono = new int[historyCapacity];
        this.decimated = new int[historyCapacity / decimation + 1];
        this.energy = new long[historyCapacity + 1];
        this.coarseScores = new double[maxLag / decimation + 2];
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
     * as PCM bytes, valid until the next call. {@code next} is the PCM of the packet after the
     * gap, or null if it is not there (yet).
     */
    public byte[] conceal(int frames, int gapFrames, byte[] next) {
        byte[] pcm = outputOf(frames * format.bytesPerFrame());
        if (next == null && concealedFramesInARow >= fadeFrames) {
            Arrays.fill(pcm, (byte) 0);
            return pcm;
        }
        // One pitch search per loss run: meanwhile the history only gains our own continuation.
        if (concealedFramesInARow == 0 || cachedPeriod < 0) {
            cachedPeriod = pitchPeriod();
        }
        int period = cachedPeriod;
        if (period <= 0) {
            Arrays.fill(pcm, (byte) 0);
            return pcm;
        }
        int nextFrames = next == null ? 0 : next.length / format.bytesPerFrame();
        boolean blend = next != null && nextFrames >= period;
        int pastStart = (historyFrames - period) * channels;
        int pastPhase = 0;
        int futurePhase = Math.floorMod(-gapFrames, period);
        int at = 0;
        for (int i = 0; i < frames; i++) {
            // Blend: weight of the future rises linearly across the whole gap. Else: fade out.
            double w = blend ? (i + 1) / (double) (gapFrames + 1) : 0;
            double pastWeight = blend ? 1 - w : Math.max(0, 1 - (concealedFramesInARow + i) / (double) fadeFrames);
            for (int c = 0; c < channels; c++) {
                double v = pastWeight * history[pastStart + pastPhase * channels + c];
                if (blend) {
                    int from = (futurePhase * channels + c) * 2;
                    v += w * (short) ((next[from] & 0xFF) | (next[from + 1] << 8));
                }
                int sample = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
                pcm[at++] = (byte) sample;
                pcm[at++] = (byte) (sample >> 8);
            }
            pastPhase = pastPhase + 1 == period ? 0 : pastPhase + 1;
            futurePhase = futurePhase + 1 == period ? 0 : futurePhase + 1;
        }
        return pcm;
    }

    private byte[] outputOf(int length) {
        if (out.length != length) {
            out = new byte[length];
        }
        return out;
    }

    /**
     * The lag with the highest normalised autocorrelation of the recent history, or 0 if there
     * is no history: every lag of the history decimated to about {@link #SEARCH_RATE_HZ}, then
     * the full-rate lags around its {@link #PITCH_CANDIDATES} best peaks. At 48 kHz that is
     * about 43 k int multiply-adds, a fourteenth of a full-rate search over every second lag
     * with every second sample (three double multiply-adds each), and it conceals the sample
     * music as well (see AudioConcealerTest and docs/livestream-design.md).
     */
    int pitchPeriod() {
        int lagLimit = Math.min(maxLag, historyFrames / 2);
        if (lagLimit < minLag) {
            return historyFrames;
        }
        for (int f = 0; f < historyFrames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += history[f * channels + c];
            }
            mono[f] = sum;
        }
        // Decimate by summing blocks that end at the newest frame, so lag 1 of the decimated
        // signal is exactly `decimation` frames of the full one.
        int d = decimation;
        int count = historyFrames / d;
        int skip = historyFrames - count * d;
        for (int m = 0; m < count; m++) {
            int sum = 0;
            for (int k = 0; k < d; k++) {
                sum += mono[skip + m * d + k];
            }
            decimated[m] = sum;
        }
        int coarseMin = Math.max(1, minLag / d);
        int coarseMax = Math.min(count / 2, (lagLimit + d - 1) / d);
        prepare(decimated, count, coarseMax);
        for (int lag = coarseMin; lag <= coarseMax; lag++) {
            coarseScores[lag - coarseMin] = score(decimated, count, lag, coarseMax);
        }
        prepare(mono, historyFrames, lagLimit);
        // A coarse lag stands for the full-rate lags up to half a decimation step either side.
        int reach = (d + 1) / 2;
        int best = minLag;
        double bestScore = -2;
        for (int k = 0; k < PITCH_CANDIDATES; k++) {
            int peak = takeHighestPeak(coarseMax - coarseMin + 1);
            if (peak < 0) {
                break;
            }
            int around = (coarseMin + peak) * d;
            for (int lag = Math.max(minLag, around - reach); lag <= Math.min(lagLimit, around + reach); lag++) {
                double score = score(mono, historyFrames, lag, lagLimit);
                if (score > bestScore) {
                    bestScore = score;
                    best = lag;
                }
            }
        }
        return best;
    }

    /**
     * The index of the highest local maximum of {@code coarseScores[0..count)} not taken yet,
     * which it marks taken; -1 when none is left.
     */
    private int takeHighestPeak(int count) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            double s = coarseScores[i];
            boolean peak = s > TAKEN && (i == 0 || s >= coarseScores[i - 1]) && (i == count - 1 || s >= coarseScores[i + 1]);
            if (peak && (best < 0 || s > coarseScores[best])) {
                best = i;
            }
        }
        if (best >= 0) {
            coarseScores[best] = TAKEN;
        }
        return best;
    }

    /**
     * Readies {@code x[0..length)} for {@link #score}: scales it down until no sum of
     * {@code window} products can overflow an int (which lets the JIT vectorise the inner
     * loop), then keeps its running sum of squares, so each lag costs one multiply per sample.
     */
    private void prepare(int[] x, int length, int window) {
        fitProductsInInt(x, length, window);
        energy[0] = 0;
        for (int n = 0; n < length; n++) {
            energy[n + 1] = energy[n] + x[n] * x[n];
        }
    }

    /**
     * Normalised correlation of the last {@code window} samples of {@code x[0..length)} with
     * their copy {@code lag} earlier, after {@link #prepare} of the same arguments.
     */
    private double score(int[] x, int length, int lag, int window) {
        int xy = 0;
        for (int n = length - window; n < length; n++) {
            xy += x[n] * x[n - lag];
        }
        double xx = energy[length] - energy[length - window];
        double yy = energy[length - lag] - energy[length - window - lag];
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }

    /**
     * Shifts {@code x[0..length)} right until |x| < 2^b with 2b + log2(window) <= 31: a sum of
     * {@code window} products then stays within an int. Quiet audio is not shifted at all, so
     * the search keeps all the precision it has.
     */
    private static void fitProductsInInt(int[] x, int length, int window) {
        int peak = 0;
        for (int n = 0; n < length; n++) {
            peak = Math.max(peak, Math.abs(x[n]));
        }
        int windowBits = 32 - Integer.numberOfLeadingZeros(window);
        int allowedBits = (31 - windowBits) / 2;
        int shift = Math.max(0, (32 - Integer.numberOfLeadingZeros(peak)) - allowedBits);
        if (shift > 0) {
            for (int n = 0; n < length; n++) {
                x[n] >>= shift;
            }
        }
    }
}
