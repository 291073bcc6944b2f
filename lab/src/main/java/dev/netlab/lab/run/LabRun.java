package dev.netlab.lab.run;

import dev.netlab.common.netns.NetnsPair;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.media.WavWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One whole lab run: makes the link (two network namespaces and a veth), then for each loss
 * rate runs the media experiment (tcp and livestream at the same time, on the same link) and
 * the file experiment (udp alone, then tcp and filetransfer at the same time), and writes one run report per
 * run. The link is removed at the end, also when a run fails or the lab is interrupted.
 */
public final class LabRun {

    /** Seed of the random file: any fixed value, so every run sends the same bytes. */
    private static final long FILE_SEED = 16;

    private final LabSettings settings;
    private final Consumer<String> progress;

    /** Everything one run measured, in loss-rate order. */
    public record Results(List<MediaRun> media, List<FileRun> files, List<Path> reports) {
    }

    public LabRun(LabSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Results run() throws IOException, InterruptedException {
        Path work = Files.createDirectories(settings.out().resolve("work"));
        PcmAudio clip = excerpt(WavReader.read(settings.audio()));
        Path clipWav = work.resolve("clip.wav");
        WavWriter.write(clipWav, clip);
        Path file = randomFile(work.resolve("file.bin"), settings.fileSize());
        List<MediaRun> media = new ArrayList<>();
        List<FileRun> files = new ArrayList<>();
        List<Path> reports = new ArrayList<>();
        try (NetnsPair pair = NetnsPair.create("lab")) {
            pair.splitIntoWirePackets();
            MediaExperiment mediaExperiment = new MediaExperiment(pair, clip, clipWav, work);
            FileExperiment fileExperiment = new FileExperiment(pair, file, work, settings.fileTimeLimit());
            for (double loss : settings.lossPercents()) {
                pair.setLossPercent(loss);
                progress.accept(String.format(Locale.ROOT, "loss %s%%: media over tcp and livestream", number(loss)));
                Instant started = Instant.now();
                for (MediaRun run : together(() -> mediaExperiment.tcp(loss), () -> mediaExperiment.livestream(loss))) {
                    media.add(run);
                    reports.add(report("media", run.transport(), loss, started, run.result(),
                            Map.of("audioSeconds", clip.durationSeconds())));
                }
                progress.accept(String.format(Locale.ROOT, "loss %s%%: a %d-byte file over udp, tcp and filetransfer",
                        number(loss), settings.fileSize()));
                Instant fileStarted = Instant.now();
                // UDP alone: its receiver must keep up with no flow control to help it. The two
                // TCP transfers share the link; at high loss they mostly wait on timers.
                FileRun udp = fileExperiment.udp(loss);
                List<FileRun> tcps = together(() -> fileExperiment.tcp(loss), () -> fileExperiment.filetransfer(loss));
                for (FileRun run : List.of(udp, tcps.get(0), tcps.get(1))) {
                    files.add(run);
                    reports.add(report("file", run.transport(), loss, fileStarted, run.result(),
                            Map.of("fileBytes", settings.fileSize())));
                }
            }
        }
        return new Results(media, files, reports);
    }

    private interface Experiment<T> {
        T run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code first} on a thread of its own and {@code second} on this one, and returns both
     * results; the thread is always joined, also when {@code second} fails.
     */
    private static <T> List<T> together(Experiment<T> first, Experiment<T> second)
            throws IOException, InterruptedException {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(first.run());
            } catch (Exception | Error e) {
                future.completeExceptionally(e);
            }
        }, "lab-concurrent-run");
        thread.start();
        T secondResult;
        try {
            secondResult = second.run();
        } finally {
            thread.join();
        }
        try {
            return List.of(future.get(), secondResult);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private Path report(String experiment, String transport, double loss, Instant started, Object result,
                        Map<String, Object> extra) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("experiment", experiment);
        params.put("transport", transport);
        params.put("lossPercent", loss);
        params.putAll(extra);
        Path file = settings.out().resolve(experiment + "-" + transport + "-loss" + lossTag(loss) + ".json");
        RunReportJson.write(RunReport.of("lab", "run", started, params, result, List.of()), file);
        return file;
    }

    /** The audio, cut to the settings' duration. */
    private PcmAudio excerpt(PcmAudio audio) {
        long frames = audio.format().framesIn(settings.audioDuration().toNanos());
        return frames >= audio.frameCount() ? audio : new PcmAudio(audio.format(), audio.slice(0, (int) frames));
    }

    private static Path randomFile(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(FILE_SEED);
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long r = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        block[i + k] = (byte) (r >>> (8 * k));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    /** The loss rate as it goes into file names: 10 for 10 %, 0.5 for half a percent. */
    static String lossTag(double loss) {
        return number(loss);
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
