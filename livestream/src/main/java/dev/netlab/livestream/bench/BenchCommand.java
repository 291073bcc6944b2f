package dev.netlab.livestream.bench;

import dev.netlab.bench.DataTrees;
import dev.netlab.bench.ToolJar;
import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.PercentConverter;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.report.ComparisonPage;
import dev.netlab.livestream.fec.FecScheme;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code livestream bench}: streams a short clip through {@code impair} at each loss rate, burst
 * length, FEC scheme and retransmission mode, and reports residual loss, concealment, SNR,
 * latency and overhead per run. Options are parsed here; {@link StreamBench} runs the plan.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stream a clip through impair at several loss rates, burst lengths, FEC schemes and "
                + "retransmission modes; one run report per run in --out, a table of medians, and a page "
                + "with residual loss and SNR against loss rate per scheme.")
public final class BenchCommand implements Callable<Integer> {

    /** The play option that turns retransmission requests (NACKs) off, where play has one. */
    static final String NO_RETRANSMIT = "--no-nack";

    /** Where the project keeps its sample audio, relative to the project root. */
    static final Path SAMPLE_AUDIO = Path.of("samples", "media", "sample.wav");

    @Option(names = "--loss", split = ",", paramLabel = "P%", converter = PercentConverter.class,
            defaultValue = "0%,1%,5%,10%,20%", description = "Loss rates (default: ${DEFAULT-VALUE}).")
    List<Double> losses;

    @Option(names = "--burst", split = ",", paramLabel = "N", defaultValue = "0",
            description = "Mean loss burst lengths, 0 = independent losses (default: ${DEFAULT-VALUE}).")
    List<Double> bursts;

    @Option(names = "--fec", split = ",", paramLabel = "SCHEME", defaultValue = "none,xor-row:4,rs:10+2",
            description = "FEC schemes (default: ${DEFAULT-VALUE}).")
    List<String> fecs;

    @Option(names = "--retransmit", paramLabel = "MODE", defaultValue = "both",
            description = "on, off or both (default: ${DEFAULT-VALUE}; 'off' needs play " + NO_RETRANSMIT + ").")
    Mode retransmit;

    @Option(names = "--audio", paramLabel = "WAV", description = "Source audio (default: samples/media/sample.wav).")
    Path audio;

    @Option(names = "--clip", paramLabel = "D", defaultValue = "3s",
            description = "How much of the audio each run streams (default: ${DEFAULT-VALUE}).")
    Duration clipLength;

    @Option(names = "--latency", paramLabel = "D", defaultValue = "100ms", description = "play --latency (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "1", description = "Runs per variant (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--out", paramLabel = "DIR", description = "Where reports go (default: bench-results/livestream-TIME).")
    Path out;

    @Option(names = "--jar", paramLabel = "JAR", description = "The livestream jar to run (default: this one).")
    Path jar;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "2m", description = "Longest one play may run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "impair --seed of round 1 (default: 1).")
    long seed;

    @Option(names = "--no-wire-count",
            description = "Leave out the relay that counts the bytes the server sends (one more loopback hop); "
                    + "runs then report no overhead.")
    boolean noWireCount;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    enum Mode { ON, OFF, BOTH }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter printer = spec.commandLine().getOut();
        Path outFolder = out != null ? out : Path.of("bench-results", "livestream-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path work = Files.createTempDirectory("netlab-stream-bench-");
        try {
            ToolJar tool = new ToolJar(ToolJar.currentJava(), toolJar(), Files.createDirectories(work.resolve("home")));
            Path clip = ClipMaker.cut(sourceAudio(tool), clipLength, Files.createDirectories(outFolder).resolve("clip.wav"));
            StreamBenchPlan plan = new StreamBenchPlan(tool, clip,
                    StreamVariant.matrix(losses, bursts, fecs, retransmitModes(tool, printer)),
                    repeats, latency, outFolder, timeout, seed, !noWireCount);
            StreamBench bench = new StreamBench(plan, printer);
            bench.run();
            summarise(bench, outFolder, printer);
            if (bench.failedRuns() > 0) {
                throw new CommandFailedException(ExitCodes.FAILED, bench.failedRuns() + " runs failed; their reports are in " + outFolder);
            }
            return ExitCodes.OK;
        } finally {
            DataTrees.deleteRecursively(work);
        }
    }

    private void validate() {
        if (repeats < 1 || repeats > 1000) {
            throw usage("--repeats " + repeats + " outside 1..1000");
        }
        if (bursts.stream().anyMatch(b -> b < 0)) {
            throw usage("--burst " + bursts + ": each must be 0 or more");
        }
        if (clipLength.isNegative() || clipLength.isZero()) {
            throw usage("--clip " + clipLength + " must be positive");
        }
        for (String fec : fecs) {
            try {
                FecScheme.parse(fec);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private Path toolJar() {
        try {
            return ToolJar.resolve(jar, BenchCommand.class, "livestream.jar");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** --audio, else the project's sample: under the working folder, or beside the jar's project. */
    private Path sourceAudio(ToolJar tool) {
        if (audio != null) {
            if (!Files.isRegularFile(audio)) {
                throw usage("--audio " + audio + ": no such file");
            }
            return audio;
        }
        Path projectOfJar = tool.jar().toAbsolutePath().getParent().getParent().getParent();
        return Optional.of(SAMPLE_AUDIO).filter(Files::isRegularFile)
                .or(() -> Optional.of(projectOfJar.resolve(SAMPLE_AUDIO)).filter(Files::isRegularFile))
                .orElseThrow(() -> usage("no " + SAMPLE_AUDIO + " here: say which WAV to stream with --audio"));
    }

    private List<Boolean> retransmitModes(ToolJar tool, PrintWriter printer) throws Exception {
        if (retransmit == Mode.ON) {
            return List.of(true);
        }
        if (tool.helpMentions("play", NO_RETRANSMIT)) {
            return retransmit == Mode.OFF ? List.of(false) : List.of(true, false);
        }
        if (retransmit == Mode.OFF) {
            throw new CommandFailedException(ExitCodes.USAGE, "--retransmit off: play has no " + NO_RETRANSMIT);
        }
        printer.println("skipping retransmission-off runs: play has no " + NO_RETRANSMIT + " (it always asks)");
        return List.of(true);
    }

    private static void summarise(StreamBench bench, Path outFolder, PrintWriter printer) throws Exception {
        printer.println();
        StreamSummary.print(bench.reports(), printer);
        System.setProperty("java.awt.headless", "true");
        Path page = outFolder.resolve("compare.html");
        Files.writeString(page, new ComparisonPage(bench.reports(), 0).render());
        printer.println();
        printer.println(bench.reports().size() + " reports in " + outFolder + ", charts in " + page);
        printer.flush();
    }
}
