package dev.netlab.filetransfer.bench;

import dev.netlab.bench.DataTrees;
import dev.netlab.bench.ToolJar;
import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.SizeConverter;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.report.ComparisonPage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code filetransfer bench}: a matrix of transfers on loopback against a server it starts itself,
 * each whole command timed from outside, alternating with the peers, one report per run.
 * The options are parsed here; {@link TransferBench} runs the plan.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Time transfers on loopback against a server this command starts: file sizes, many small "
                + "files, chunk sizes, streams, TLS on and off, and peers (nc, rsync, scp, iperf3) in the same "
                + "rounds, each whole command timed from outside. Writes one run report per run to --out, "
                + "prints medians with ratios and writes a comparison page.")
public final class BenchCommand implements Callable<Integer> {

    /** The small-file case of peers.sh: 10,000 files of 4 KiB in 100 folders. */
    static final int DEFAULT_SMALL_FILES = 10_000;

    @Option(names = "--sizes", split = ",", paramLabel = "SIZE", converter = SizeConverter.class,
            defaultValue = "1m,64m", description = "File sizes to send, e.g. 1m,64m,1g (default: ${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(names = "--small", description = "Also send a tree of small files (see --small-files, --small-size).")
    boolean small;

    @Option(names = "--small-files", paramLabel = "N", defaultValue = "" + DEFAULT_SMALL_FILES,
            description = "How many small files with --small (default: ${DEFAULT-VALUE}).")
    int smallFiles;

    @Option(names = "--small-size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "4k",
            description = "Size of each small file (default: ${DEFAULT-VALUE}).")
    long smallSize;

    @Option(names = "--chunk-sizes", split = ",", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Chunk sizes to try (default: the tool's own).")
    List<Long> chunkSizes = new ArrayList<>();

    @Option(names = "--streams", split = ",", paramLabel = "N", defaultValue = "1",
            description = "Parallel streams to try, e.g. 1,4 (default: ${DEFAULT-VALUE}).")
    List<Integer> streams;

    @Option(names = "--tls", paramLabel = "MODE", defaultValue = "both",
            description = "off, on or both (default: ${DEFAULT-VALUE}; 'both' runs plain only if the tool has no --tls).")
    TlsMode tls;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Rounds per data (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--peers", paramLabel = "LIST", defaultValue = "",
            description = "Peers to time in the same rounds where installed: nc,rsync,scp,iperf3 (default: none).")
    String peers;

    @Option(names = "--out", paramLabel = "DIR", description = "Where reports go (default: bench-results/filetransfer-TIME).")
    Path out;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Folder for data and received files (default: a temporary folder, removed afterwards).")
    Path work;

    @Option(names = "--jar", paramLabel = "JAR", description = "The filetransfer jar to run (default: this one).")
    Path jar;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Longest any one command may run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the random data (default: 1).")
    long seed;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    enum TlsMode { OFF, ON, BOTH }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter printer = spec.commandLine().getOut();
        Path outFolder = out != null ? out : Path.of("bench-results", "filetransfer-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean temporaryWork = work == null;
        Path workFolder = temporaryWork ? Files.createTempDirectory("netlab-bench-") : Files.createDirectories(work);
        try {
            ToolJar tool = new ToolJar(ToolJar.currentJava(), toolJar(), Files.createDirectories(workFolder.resolve("home")));
            BenchPlan plan = new BenchPlan(tool, sizes, small ? smallFiles : 0, (int) smallSize,
                    NetlabVariant.matrix(chunkSizes, streams, tlsModes(tool, printer)), List.copyOf(Peer.parseList(peers)),
                    repeats, outFolder, workFolder, timeout, seed);
            TransferBench bench = new TransferBench(plan, printer);
            bench.run();
            BenchSummary.print(bench.reports(), printer);
            writePage(bench, outFolder, printer);
            if (bench.failedNetlabRuns() > 0) {
                throw new CommandFailedException(ExitCodes.FAILED, bench.failedNetlabRuns()
                        + " netlab runs failed; their reports are in " + outFolder);
            }
            return ExitCodes.OK;
        } finally {
            if (temporaryWork) {
                DataTrees.deleteRecursively(workFolder);
            }
        }
    }

    private void validate() {
        if (repeats < 1 || repeats > 1000) {
            throw usage("--repeats " + repeats + " outside 1..1000");
        }
        if (sizes.stream().anyMatch(s -> s <= 0) || (small && (smallFiles < 1 || smallSize < 1))) {
            throw usage("sizes and --small-files must be positive");
        }
        if (streams.stream().anyMatch(n -> n < 1 || n > 64)) {
            throw usage("--streams " + streams + ": each must be 1..64");
        }
        try {
            Peer.parseList(peers);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private Path toolJar() {
        try {
            return ToolJar.resolve(jar, BenchCommand.class, "filetransfer.jar");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private List<Boolean> tlsModes(ToolJar tool, PrintWriter printer) throws Exception {
        if (tls == TlsMode.OFF) {
            return List.of(false);
        }
        if (tool.helpMentions("serve", "--tls")) {
            return tls == TlsMode.ON ? List.of(true) : List.of(false, true);
        }
        if (tls == TlsMode.ON) {
            throw new CommandFailedException(ExitCodes.USAGE, "--tls on: " + tool.jar() + " has no serve --tls");
        }
        printer.println("skipping TLS runs: " + tool.jar().getFileName() + " has no serve --tls");
        return List.of(false);
    }

    private static void writePage(TransferBench bench, Path outFolder, PrintWriter printer) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path page = outFolder.resolve("compare.html");
        Files.writeString(page, new ComparisonPage(bench.reports(), 0).render());
        printer.println();
        printer.println(bench.reports().size() + " reports in " + outFolder + ", charts in " + page);
        printer.println("compare them again with: filetransfer compare " + outFolder + "/*.json --html OUT.html");
        printer.flush();
    }
}
