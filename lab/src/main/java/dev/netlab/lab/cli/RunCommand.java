package dev.netlab.lab.cli;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.PercentConverter;
import dev.netlab.common.cli.SizeConverter;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.common.netns.NetnsPair;
import dev.netlab.lab.page.LabPage;
import dev.netlab.lab.page.LabTable;
import dev.netlab.lab.run.LabRun;
import dev.netlab.lab.run.LabSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lab run}: runs both experiments at every loss rate, prints the table, writes reports and the page. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Stream the same audio over plain TCP and over livestream, and send the same",
                "file as bare UDP datagrams, over plain TCP and with filetransfer, between two",
                "network namespaces joined by a veth, with random loss in both directions.",
                "Prints a table, writes one run report per run and DIR/lab.html.",
                "Needs root or CAP_NET_ADMIN; as another user it re-runs itself in a user",
                "namespace where the system allows; exit 2 when no namespace can be made."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--loss", split = ",", paramLabel = "P%", converter = PercentConverter.class,
            description = "Loss rates, each direction. Default: 0%%,1%%,5%%,10%%,20%%.")
    List<Double> loss;

    @Option(names = "--out", defaultValue = "lab-results", paramLabel = "DIR",
            description = "Where the reports, lab.html and the work files go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--audio", defaultValue = "samples/media/sample.wav", paramLabel = "WAV",
            description = "16-bit PCM WAV to stream. Default: ${DEFAULT-VALUE}.")
    Path audio;

    @Option(names = "--audio-duration", defaultValue = "5s", paramLabel = "D",
            description = "Stream at most this much of it. Default: ${DEFAULT-VALUE}.")
    Duration audioDuration;

    @Option(names = "--file-size", defaultValue = "20m", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "Size of the random file sent. Default: ${DEFAULT-VALUE}.")
    long fileSize;

    @Option(names = "--file-time-limit", defaultValue = "25s", paramLabel = "D",
            description = "A file transfer still running after this long is stopped and scored on what arrived."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration fileTimeLimit;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Double> percents = loss == null ? LabSettings.DEFAULT_LOSS_PERCENTS
                : loss.stream().map(fraction -> fraction * 100).toList();
        if (!Files.isRegularFile(audio)) {
            throw new CommandFailedException(ExitCodes.USAGE, "--audio " + audio + ": no such file");
        }
        if (fileSize < 1 || audioDuration.isNegative() || audioDuration.isZero() || fileTimeLimit.isNegative()
                || fileTimeLimit.isZero()) {
            throw new CommandFailedException(ExitCodes.USAGE, "--file-size, --audio-duration and --file-time-limit must be positive");
        }
        Optional<String> unavailable = NetnsPair.unavailableReason();
        if (unavailable.isPresent()) {
            List<String> args = new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            if (args.isEmpty() || !args.get(0).equals(spec.name())) {
                args.add(0, spec.name());
            }
            Optional<List<String>> rerun = UserNamespace.rerunCommand(LabCli.class.getName(), args);
            if (rerun.isPresent()) {
                return UserNamespace.run(rerun.get());
            }
            throw new CommandFailedException(ExitCodes.USAGE, "cannot make the lab's network namespaces here ("
                    + unavailable.get() + "): run it as root, or where unprivileged user namespaces are allowed");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        LabSettings settings = new LabSettings(percents, audio, audioDuration, fileSize, fileTimeLimit, out);
        long started = System.nanoTime();
        LabRun.Results results = new LabRun(settings, line -> {
            stderr.println(line);
            stderr.flush();
        }).run();
        Path page = out.resolve("lab.html");
        Files.writeString(page, new LabPage(results.media(), results.files()).render());
        stdout.print(LabTable.render(results.media(), results.files()));
        stdout.printf("%nwrote %d run reports and %s in %.0f s%n", results.reports().size(), page,
                (System.nanoTime() - started) / 1e9);
        stdout.flush();
        return ExitCodes.OK;
    }
}
