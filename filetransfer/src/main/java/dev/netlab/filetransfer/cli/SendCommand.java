package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.ReportOptions;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code filetransfer send HOST:PORT PATH...}: upload files and trees; exit 0 only if the server verified every file. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send files and directory trees; exits 0 only when the server verified every file.")
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server; with --code it may be left out,"
            + " and the server is found on the LAN.")
    String target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--to", paramLabel = "REMOTE_SUBDIR", defaultValue = "", description = "Directory on the server to send into.")
    String to;

    @Mixin
    TransferOptions transfer;

    @Mixin
    ReportOptions report;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        String address = target;
        List<Path> sources = new ArrayList<>(paths);
        // send --code CODE PATH...: the first argument is a path unless it looks like an address and is no file.
        if (transfer.pairing() && (!TransferOptions.looksLikeHostPort(target) || Files.exists(Path.of(target)))) {
            address = null;
            sources.add(0, Path.of(target));
        }
        if (sources.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "missing PATH: what to send");
        }
        TransferOptions.Candidates candidates = transfer.candidates(address, spec.commandLine(),
                "filetransfer send HOST:PORT --code CODE PATH...");
        return transfer.onFirstPaired(candidates, spec.commandLine().getErr(), options -> send(options, sources));
    }

    private int send(ClientOptions options, List<Path> sources) throws Exception {
        Map<String, Object> params = TransferOptions.reportParams(options.host() + ":" + options.port(), options);
        params.put("paths", sources.stream().map(Path::toString).toList());
        params.put("to", to);
        try (TransferRun run = new TransferRun("send", transfer.progressWanted())) {
            TransferSummary summary = new FileClient(options).send(sources, to, run.progress());
            run.finish(summary, params, report, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return 0;
    }
}
