package dev.netlab.livestream.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes the sample media in {@code samples/media/}: a 10 s, 48 kHz, 16-bit stereo WAV of
 * chords and a melody (harmonics and envelopes, so a concealed gap is both audible and
 * measurable), and 10 s of 25 fps 320x240 JPEG frames with moving shapes and the frame number
 * drawn on each. Deterministic: running it again gives the same audio bytes (JPEG bytes
 * depend on the JDK's encoder). Run with {@code livestream generate-samples} or this main; they
 * also make {@code sample.mp4}, the first {@link #VIDEO_SECONDS} s of both as H.264 and AAC, with
 * ffmpeg (the one output that needs it), for {@code serve --media}.
 */
public final class SampleMediaGenerator {

    public static final int SAMPLE_RATE = 48_000;
    public static final double SECONDS = 10.0;
    public static final int FPS = 25;
    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    /** JPEG quality: keeps a frame near 10 KiB so the whole sample stays a few MB. */
    public static final float JPEG_QUALITY = 0.7f;

    /** Length of the sample video: a few seconds keeps it under 300 KB. */
    public static final int VIDEO_SECONDS = 4;
    /** File name of the sample video. */
    public static final String VIDEO_FILE = "sample.mp4";

    /** Chord roots per 1.25 s bar, in semitones from A4 (C, Am, F, G, twice). */
    private static final int[][] CHORDS = {
        {-9, -5, -2}, {-12, -9, -5}, {-16, -12, -9}, {-14, -10, -7},
        {-9, -5, -2}, {-12, -9, -5}, {-16, -12, -9}, {-14, -10, -7},
    };
    private static final int[] MELODY = {3, 7, 10, 7, 3, 0, 3, 5, 8, 5, 0, -4, -2, 2, 5, 2};

    private SampleMediaGenerator() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : "samples/media");
        generate(out);
        generateVideo(out);
    }

    /**
     * Makes {@code out/sample.mp4} from {@code out/sample.wav} and {@code out/frames} with
     * ffmpeg: H.264 (CRF 30) and 64 kbit/s AAC, bit-exact flags so reruns give the same file.
     */
    public static void generateVideo(Path out) throws IOException {
        Path ffmpeg = FfmpegDecoder.onPath("ffmpeg");
        Path target = out.resolve(VIDEO_FILE);
        Path temp = out.resolve("." + VIDEO_FILE + ".part.mp4");
        Process p = new ProcessBuilder(ffmpeg.toString(), "-nostdin", "-v", "error", "-y",
                "-framerate", Integer.toString(FPS), "-i", out.resolve("frames").resolve("frame-%05d.jpg").toString(),
                "-i", out.resolve("sample.wav").toString(), "-t", Integer.toString(VIDEO_SECONDS),
                "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "medium", "-crf", "30", "-threads", "1",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-map_metadata", "-1", "-fflags", "+bitexact",
                "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-movflags", "+faststart", temp.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        try {
            if (p.waitFor() != 0) {
                Files.deleteIfExists(temp);
                throw new IOException("ffmpeg could not make " + target + ": " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            Files.deleteIfExists(temp);
            throw new IOException("interrupted while making " + target);
        }
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code out/sample.wav} and {@code out/frames/frame-NNNNN.jpg}. */
    public static void generate(Path out) throws IOException {
        Files.createDirectories(out.resolve("frames"));
        WavWriter.write(out.resolve("sample.wav"), music(SECONDS));
        int frames = (int) Math.round(SECONDS * FPS);
        for (int n = 0; n < frames; n++) {
            writeJpeg(drawFrame(n), out.resolve("frames").resolve(FrameSequence.fileName(n)));
        }
    }

    /** The sample music: chords in the background, a plucked melody on top, panned apart. */
    public static PcmAudio music(double seconds) {
        int frames = (int) Math.round(seconds * SAMPLE_RATE);
        double[] left = new double[frames];
        double[] right = new double[frames];
        double bar = 1.25;
        for (int c = 0; c * bar < seconds; c++) {
            for (int semitone : CHORDS[c % CHORDS.length]) {
                addNote(left, right, c * bar, bar, semitone, 0.16, 0.35, 4);
            }
        }
        double step = bar / 4;
        for (int m = 0; m * step < seconds; m++) {
            addNote(left, right, m * step, step * 0.9, MELODY[m % MELODY.length], 0.22, 0.7, 7);
        }
        byte[] data = new byte[frames * 4];
        for (int i = 0; i < frames; i++) {
            putSample(data, i * 4, left[i]);
            putSample(data, i * 4 + 2, right[i]);
        }
        return new PcmAudio(new AudioFormat(SAMPLE_RATE, 2), data);
    }

    private static void addNote(double[] left, double[] right, double start, double length,
                                int semitoneFromA4, double amplitude, double pan, int harmonics) {
        double freq = 440.0 * Math.pow(2, semitoneFromA4 / 12.0);
        int from = (int) (start * SAMPLE_RATE);
        int to = Math.min(left.length, (int) ((start + length + 0.15) * SAMPLE_RATE));
        for (int i = from; i < to; i++) {
            double t = (i - from) / (double) SAMPLE_RATE;
            double v = 0;
            for (int h = 1; h <= harmonics; h++) {
                v += Math.sin(2 * Math.PI * freq * h * t + h) / (h * h * 0.6 + 0.4);
            }
            v *= amplitude * envelope(t, length);
            left[i] += v * (1 - pan);
            right[i] += v * pan;
        }
    }

    /** Attack 8 ms, decay to 60 % over 120 ms, sustain, release 150 ms after the note ends. */
    private static double envelope(double t, double length) {
        double level;
        if (t < 0.008) {
            level = t / 0.008;
        } else if (t < 0.128) {
            level = 1 - 0.4 * (t - 0.008) / 0.12;
        } else {
            level = 0.6;
        }
        if (t > length) {
            level *= Math.max(0, 1 - (t - length) / 0.15);
        }
        return level;
    }

    private static void putSample(byte[] data, int at, double value) {
        int s = (int) Math.round(Math.max(-1, Math.min(1, value)) * 32767);
        data[at] = (byte) s;
        data[at + 1] = (byte) (s >> 8);
    }

    /** One frame: drifting colour, a ball on a Lissajous path, a rotating bar, the frame number. */
    public static BufferedImage drawFrame(int n) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double t = n / (double) FPS;
            g.setColor(Color.getHSBColor((float) (t / SECONDS), 0.35f, 0.35f));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int bx = (int) (WIDTH / 2 + 120 * Math.sin(2 * Math.PI * t / 3.0)) - 20;
            int by = (int) (HEIGHT / 2 + 80 * Math.sin(2 * Math.PI * t / 2.2)) - 20;
            g.setColor(new Color(250, 200, 60));
            g.fillOval(bx, by, 40, 40);
            g.setStroke(new BasicStroke(6));
            g.setColor(new Color(90, 200, 250));
            double a = 2 * Math.PI * t / 4.0;
            g.drawLine(WIDTH / 2, HEIGHT / 2, (int) (WIDTH / 2 + 90 * Math.cos(a)), (int) (HEIGHT / 2 + 90 * Math.sin(a)));
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 28));
            g.drawString(String.format(Locale.ROOT, "frame %03d", n), 12, 36);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 16));
            g.drawString(String.format(Locale.ROOT, "t = %5.2f s", t), 12, HEIGHT - 14);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
