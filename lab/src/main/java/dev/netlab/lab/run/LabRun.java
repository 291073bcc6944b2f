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
 * the file experiment (udp alone, then tcp and filetransfer at the same time); the tcp and
 * filetransfer runs of the timer-bound loss rates ({@link #TIMER_BOUND_LOSS_PERCENT}) run in the
 * background meanwhile, each on a link of its own. Writes one run report per run. The link is removed at the end, also when a run fails or the lab is interrupted.
 */
public final class LabRun {

    /** Seed of the random file: any fixed value, so every run sends the same bytes. */
    private static final long FILE_SEED = 16;

    /**
     * From this loss rate on (each way), TCP's retransmission timer backs off so far that a file
     * transfer moves a few packets a second and never finishes 20 MiB within the time limit (over
     * 120 s in every probe). Such transfers barely use the CPU, so they run in the background on
     * a link of their own while everything else runs, one rate at a time. Running more rates'
     * transfers at once was tried and dropped: in the one run of each, other numbers came out
     * worse than in any one-at-a-time run, which may be chance (docs/lab-measurements.md).
     */
    static final double TIMER_BOUND_LOSS_PERCENT = 20;

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
        List<Path> reports = new ArrayList<>();
        Map<Double, List<FileRun>> fileRuns = new LinkedHashMap<>();
        Map<Double, Instant> fileStarts = new LinkedHashMap<>();
        List<Double> timerBound = settings.lossPercents().stream().filter(loss -> loss >= TIMER_BOUND_LOSS_PERCENT).toList();
        CompletableFuture<List<List<FileRun>>> background = new CompletableFuture<>();
        Instant backgroundStarted = Instant.now();
        Thread backgroundThread = new Thread(() -> {
            try {
                background.complete(tcpFilesOnLinksOfTheirOwn(timerBound, file, work));
            } catch (Exception | Error e) {
                background.completeExceptionally(e);
            }
        }, "lab-timer-bound-files");
        if (!timerBound.isEmpty()) {
            progress.accept(String.format(Locale.ROOT, "loss %s%%: a %d-byte file over tcp and filetransfer,"
                    + " in the background on a link of its own", timerBound.stream().map(LabRun::number)
                    .collect(java.util.stream.Collectors.joining("%, ")), settings.fileSize()));
        }
        backgroundThread.start();
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
                progress.accept(String.format(Locale.ROOT, "loss %s%%: a %d-byte file over udp%s",
                        number(loss), settings.fileSize(), timerBound.contains(loss) ? "" : ", tcp and filetransfer"));
                fileStarts.put(loss, Instant.now());
                // UDP alone: its receiver must keep up with no flow control to help it. The two
                // TCP transfers share the link; at high loss they mostly wait on timers.
                List<FileRun> runs = new ArrayList<>(List.of(fileExperiment.udp(loss)));
                if (!timerBound.contains(loss)) {
                    runs.addAll(together(() -> fileExperiment.tcp(loss), () -> fileExperiment.filetransfer(loss)));
                }
                fileRuns.put(loss, runs);
            }
        } finally {
            backgroundThread.join();
        }
        List<List<FileRun>> timerBoundRuns = resultOf(background);
        for (int i = 0; i < timerBound.size(); i++) {
            fileRuns.get(timerBound.get(i)).addAll(timerBoundRuns.get(i));
        }
        List<FileRun> files = new ArrayList<>();
        for (Map.Entry<Double, List<FileRun>> rate : fileRuns.entrySet()) {
            for (FileRun run : rate.getValue()) {
                files.add(run);
                Instant started = run.transport().equals("udp") || !timerBound.contains(rate.getKey())
                        ? fileStarts.get(rate.getKey()) : backgroundStarted;
                reports.add(report("file", run.transport(), rate.getKey(), started, run.result(),
                        Map.of("fileBytes", settings.fileSize())));
            }
        }
        return new Results(media, files, reports);
    }

    /**
     * The tcp and filetransfer file runs of {@code losses}, all at the same time, each rate on a
     * link of its own; in the order of {@code losses}. Every link is removed before this returns.
     */
    private List<List<FileRun>> tcpFilesOnLinksOfTheirOwn(List<Double> losses, Path file, Path work)
            throws IOException, InterruptedException {
        List<NetnsPair> links = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<List<FileRun>>> runs = new ArrayList<>();
        try {
            for (double loss : losses) {
                NetnsPair link = NetnsPair.create("labf");
                links.add(link);
                link.splitIntoWirePackets();
                link.setLossPercent(loss);
                FileExperiment experiment = new FileExperiment(link, file, work, settings.fileTimeLimit());
                CompletableFuture<List<FileRun>> future = new CompletableFuture<>();
                runs.add(future);
                Thread thread = new Thread(() -> {
                    try {
                        future.complete(together(() -> experiment.tcp(loss), () -> experiment.filetransfer(loss)));
                    } catch (Exception | Error e) {
                        future.completeExceptionally(e);
                    }
                }, "lab-file-run-" + number(loss));
                threads.add(thread);
                thread.start();
            }
        } finally {
            for (Thread thread : threads) {
                thread.join();
            }
            for (NetnsPair link : links) {
                link.close();
            }
        }
        List<List<FileRun>> results = new ArrayList<>();
        for (CompletableFuture<List<FileRun>> run : runs) {
            results.add(resultOf(run));
        }
        return results;
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
        return List.of(resultOf(future), secondResult);
    }

    private static <T> T resultOf(CompletableFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
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
