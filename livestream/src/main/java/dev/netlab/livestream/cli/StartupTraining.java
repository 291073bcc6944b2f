package dev.netlab.livestream.cli;

import dev.netlab.common.cli.Launcher;
import dev.netlab.common.cli.StartupTrainingRun;
import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workload {@code bin/livestream} records its start-up cache from (a Java 25 AOT cache or a
 * Java 17 CDS archive, see {@code bin/netlab-launch}): every command's help, then a {@code serve}
 * of a short generated tone to one {@code play} on 127.0.0.1, both through the command line in
 * this one process, so the classes and method profiles of a listener's start are in the cache. It
 * never touches the network beyond loopback; it is not part of the command line. Exits 0 when the
 * tone was served and played clean, 1 otherwise.
 */
public final class StartupTraining {

    /** Long enough for the receive, jitter-buffer and playout paths to run many times; short to train. */
    private static final double TONE_SECONDS = 1.0;
    private static final AudioFormat FORMAT = new AudioFormat(48_000, 2);
    private static final double TONE_HZ = 440;
    /** A stuck serve or play must not hang the launcher that waits for this run. */
    private static final long STEP_TIMEOUT_SECONDS = 20;
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        StartupTrainingRun.runAndExit(StartupTraining::run);
    }

    /** Runs the workload inside {@code work}; returns how many steps failed. */
    static int run(Path work) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Path tone = work.resolve("tone.wav");
        WavWriter.write(tone, tone());
        int failures = 0;
        for (String command : new String[] {"serve", "play", "impair", "rtp"}) {
            failures += cli(new PrintWriter(Writer.nullWriter()), command, "--help");
        }
        failures += cli(new PrintWriter(Writer.nullWriter()), "--help");
        ListeningLine listening = new ListeningLine();
        CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(() -> cli(new PrintWriter(listening, true),
                "serve", "--audio", tone.toString(), "--port", "0", "--bind", "127.0.0.1"));
        String address = listening.await();
        if (address == null) {
            return failures + 1 + serve.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        failures += cli(new PrintWriter(Writer.nullWriter()), "play", address, "--out-audio",
                work.resolve("played.wav").toString(), "--reference", tone.toString(), "--no-progress");
        return failures + serve.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static int cli(PrintWriter out, String... args) {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        return Launcher.run(new LivestreamCli(), out, quiet, args) == 0 ? 0 : 1;
    }

    private static PcmAudio tone() {
        int frames = (int) (TONE_SECONDS * FORMAT.sampleRate());
        ByteBuffer pcm = ByteBuffer.allocate(frames * FORMAT.bytesPerFrame()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short sample = (short) (8000 * Math.sin(2 * Math.PI * TONE_HZ * i / FORMAT.sampleRate()));
            for (int channel = 0; channel < FORMAT.channels(); channel++) {
                pcm.putShort(sample);
            }
        }
        return new PcmAudio(FORMAT, pcm.array());
    }

    /** The serve command's stdout, watched for its "listening on HOST:PORT" line. */
    private static final class ListeningLine extends StringWriter {
        private final CountDownLatch seen = new CountDownLatch(1);
        private volatile String address;

        @Override
        public void flush() {
            Matcher m = LISTENING.matcher(toString());
            if (address == null && m.find()) {
                address = m.group(1);
                seen.countDown();
            }
        }

        String await() throws InterruptedException {
            seen.await(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return address;
        }
    }
}
