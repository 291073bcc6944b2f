package dev.netlab.livestream.testing;

import java.awt.image.BufferedImage;

/** Quality measures of what a player decoded against its source. */
public final class Signals {

    private Signals() {
    }

    /** Signed 16-bit little-endian sample {@code i} of interleaved PCM. */
    public static int sample(byte[] pcm, int i) {
        return (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
    }

    /**
     * The shift (in samples, a multiple of {@code channels}) within +-{@code maxShift} at which
     * {@code decoded} best matches {@code source}, judged on a window near the start.
     */
    public static int bestShift(byte[] source, byte[] decoded, int channels, int maxShift, int window) {
        int best = 0;
        double bestError = Double.MAX_VALUE;
        int n = Math.min(window, decoded.length / 2);
        for (int shift = -maxShift; shift <= maxShift; shift += channels) {
            double error = 0;
            for (int i = 0; i < n; i++) {
                int s = i + shift;
                int ref = s >= 0 && s < source.length / 2 ? sample(source, s) : 0;
                double d = ref - sample(decoded, i);
                error += d * d;
            }
            if (error < bestError) {
                bestError = error;
                best = shift;
            }
        }
        return best;
    }

    /** SNR in dB of {@code decoded} against {@code source} shifted by {@code shift} samples, over their overlap. */
    public static double snrDb(byte[] source, byte[] decoded, int shift) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < decoded.length / 2; i++) {
            int s = i + shift;
            if (s < 0 || s >= source.length / 2) {
                continue;
            }
            double ref = sample(source, s);
            double d = ref - sample(decoded, i);
            signal += ref * ref;
            noise += d * d;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    /** PSNR in dB of two same-sized images over their RGB channels. */
    public static double psnrDb(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * a.getWidth() * a.getHeight());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Frame {@code index} of raw rgb24 video of the given size. */
    public static BufferedImage rgbFrame(byte[] raw, int index, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int at = index * width * height * 3;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = raw[at++] & 0xFF;
                int g = raw[at++] & 0xFF;
                int bl = raw[at++] & 0xFF;
                image.setRGB(x, y, (r << 16) | (g << 8) | bl);
            }
        }
        return image;
    }
}
