package dev.netlab.livestream.media;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decodes any file ffmpeg reads while it is being sent: {@code ffprobe} finds its first audio
 * stream (and whether it has video), then one {@code ffmpeg} process writes that audio as s16le
 * PCM to a pipe and, for video, a second writes JPEG frames at the stream's frame rate
 * (baseline, 4:2:0, standard Huffman tables, so RTP/JPEG can carry them). Two processes, not
 * one with two pipes, so neither can stall the other when the reader drains them at different
 * paces; the pipes' own buffers bound what is decoded ahead, so nothing like a whole film is
 * ever held. {@link #close} kills both and joins their stderr readers.
 */
public final class FfmpegDecoder implements AutoCloseable {

    /** The Debian package that provides ffmpeg and ffprobe, named in the message when missing. */
    public static final String DEBIAN_PACKAGE = "ffmpeg";
    /** Longest stderr line kept to explain a failure. */
    private static final int MAX_ERROR_LINE = 300;
    /** How long ffprobe may take to read a file's headers. */
    private static final long PROBE_SECONDS = 30;
    /** How long a decoder whose output ended is given to exit and report its status. */
    private static final long EXIT_WAIT_SECONDS = 5;
    /** Largest side of a frame: RFC 2435 counts it in 8-pixel units in one byte. */
    private static final int MAX_SIDE = 2040;

    private final Path file;
    private final AudioFormat format;
    private final Process audio;
    private final Process video;
    private final List<Thread> stderrReaders = new ArrayList<>();
    private final Map<Process, String> lastError = new java.util.concurrent.ConcurrentHashMap<>();

    private FfmpegDecoder(Path file, AudioFormat format, Process audio, Process video) {
        this.file = file;
        this.format = format;
        this.audio = audio;
        this.video = video;
    }

    /**
     * Probes {@code file} and starts decoding it; frames at {@code fps} if it has video.
     *
     * @throws UnsupportedMediaException ffmpeg is missing, cannot read the file, or finds no audio in it
     */
    public static LiveSource open(Path file, double fps) throws IOException {
        Path ffmpeg;
        Path ffprobe;
        try {
            ffmpeg = onPath("ffmpeg");
            ffprobe = onPath("ffprobe");
        } catch (UnsupportedMediaException e) {
            throw new UnsupportedMediaException(file + ": " + e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            throw new UnsupportedMediaException(file + ": no such file");
        }
        Probe probe = probe(ffprobe, file);
        if (probe.sampleRate < 1 || probe.channels < 1) {
            throw new UnsupportedMediaException(file + " has no audio stream: livestream needs audio to pace the stream");
        }
        int rate = Math.min(probe.sampleRate, AudioFormat.MAX_SAMPLE_RATE);
        AudioFormat format = new AudioFormat(rate, Math.min(2, probe.channels));
        Process audio = start(List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0:a:0", "-vn", "-f", "s16le", "-c:a", "pcm_s16le", "-ar", Integer.toString(rate),
                "-ac", Integer.toString(format.channels()), "pipe:1"));
        Process video = null;
        if (probe.hasVideo) {
            String filter = String.format(Locale.ROOT, "fps=%s,scale=w='min(iw,%d)':h='min(ih,%d)'"
                    + ":force_original_aspect_ratio=decrease:force_divisible_by=2", fpsText(fps), MAX_SIDE, MAX_SIDE);
            try {
                video = start(List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                        "-map", "0:v:0", "-an", "-vf", filter, "-f", "image2pipe", "-c:v", "mjpeg",
                        "-huffman", "default", "-pix_fmt", "yuvj420p", "-q:v", "3", "pipe:1"));
            } catch (IOException e) {
                audio.destroyForcibly();
                throw e;
            }
        }
        FfmpegDecoder decoder = new FfmpegDecoder(file, format, audio, video);
        decoder.drainStderr(audio, "ffmpeg-audio-stderr");
        if (video != null) {
            decoder.drainStderr(video, "ffmpeg-video-stderr");
        }
        return LiveSource.ofDecoder(decoder);
    }

    private static String fpsText(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : String.format(Locale.ROOT, "%.3f", fps);
    }

    /** The executable {@code name} in a PATH directory, or a refusal naming the package to install. */
    static Path onPath(String name) throws UnsupportedMediaException {
        return onPath(name, System.getenv("PATH"));
    }

    /** The executable {@code name} in one of the directories of {@code path} (as $PATH is written). */
    static Path onPath(String name, String path) throws UnsupportedMediaException {
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new UnsupportedMediaException(name + " not found on PATH: install the Debian package "
                + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE + ")");
    }

    private record Probe(int sampleRate, int channels, boolean hasVideo) {
    }

    /** Reads the first audio stream's rate and channels, and whether a real (not cover-art) video stream exists. */
    private static Probe probe(Path ffprobe, Path file) throws IOException {
        Process p = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-show_entries",
                "stream=codec_type,sample_rate,channels:stream_disposition=attached_pic", "-of", "compact=p=0",
                file.toString()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        List<String> out = new ArrayList<>();
        String error = null;
        try (BufferedReader r = reader(p.getInputStream()); BufferedReader e = reader(p.getErrorStream())) {
            String row;
            while ((row = r.readLine()) != null) {
                if (out.size() < 1000) {
                    out.add(row);
                }
            }
            String line;
            while ((line = e.readLine()) != null) {
                if (!line.isBlank()) {
                    error = line; // the last line says what finally went wrong
                }
            }
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UnsupportedMediaException(file + ": ffprobe did not finish within " + PROBE_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing " + file);
        }
        if (p.exitValue() != 0) {
            throw new UnsupportedMediaException(file + ": ffmpeg cannot read it"
                    + (error == null ? "" : " (" + clip(stripFileName(error, file)) + ")"));
        }
        int rate = 0;
        int channels = 0;
        boolean hasVideo = false;
        for (String line : out) {
            Map<String, String> fields = fields(line);
            if ("audio".equals(fields.get("codec_type")) && rate == 0) {
                rate = parse(fields.get("sample_rate"));
                channels = parse(fields.get("channels"));
            } else if ("video".equals(fields.get("codec_type")) && !"1".equals(fields.get("disposition:attached_pic"))) {
                hasVideo = true;
            }
        }
        return new Probe(rate, channels, hasVideo);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.split("\\|")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return fields;
    }

    private static int parse(String number) {
        try {
            return number == null ? 0 : Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Process start(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        return p;
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Keeps the last line a decoder writes on stderr (to explain its failure) and keeps the pipe drained. */
    private void drainStderr(Process p, String threadName) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = reader(p.getErrorStream())) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        lastError.put(p, clip(stripFileName(line, file)));
                    }
                }
            } catch (IOException closed) {
                // the decoder was killed: nothing more to explain
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        stderrReaders.add(t);
    }

    /** ffmpeg's line without its "[demuxer @ 0x...]" prefix or the file name, which the message already holds. */
    private static String stripFileName(String line, Path file) {
        return line.replaceFirst("^\\[[^\\]]* @ 0x[0-9a-fA-F]+\\]\\s*", "").replace(file.toString() + ": ", "").trim();
    }

    private static String clip(String line) {
        return line.length() <= MAX_ERROR_LINE ? line : line.substring(0, MAX_ERROR_LINE) + "...";
    }

    String fileName() {
        return file.toString();
    }

    AudioFormat format() {
        return format;
    }

    InputStream pcm() {
        return audio.getInputStream();
    }

    InputStream jpegs() {
        return video == null ? null : video.getInputStream();
    }

    /** Called when the audio pipe ended: a line saying why ffmpeg stopped early, or null if it finished well. */
    String audioFailure() {
        try {
            if (!audio.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return "ffmpeg closed its audio output but did not exit while decoding " + file;
            }
            if (audio.exitValue() != 0) {
                joinStderrReaders();
                String why = lastError.get(audio);
                return "ffmpeg failed decoding " + file + " (exit " + audio.exitValue() + ")"
                        + (why == null ? "" : ": " + why);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for ffmpeg";
        }
    }

    private void joinStderrReaders() throws InterruptedException {
        for (Thread t : stderrReaders) {
            t.join(1000);
        }
    }

    @Override
    public void close() {
        audio.destroyForcibly();
        if (video != null) {
            video.destroyForcibly();
        }
        try {
            audio.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            if (video != null) {
                video.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            joinStderrReaders();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
