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

/** {@code filetransfer get HOST:PORT REMOTE_PATH...}: download with chunk checks, digests and atomic renames. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Download files and trees; each is verified before it gets its final name.")
public final class GetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server; with --code it may be left out,"
            + " and the server is found on the LAN.")
    String target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "REMOTE_PATH")
    List<String> remotePaths = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Local directory to download into (default: .).")
    Path out;

    @Mixin
    TransferOptions transfer;

    @Mixin
    ReportOptions report;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        String address = target;
        List<String> wanted = new ArrayList<>(remotePaths);
        if (transfer.pairing() && !TransferOptions.looksLikeHostPort(target)) {
            address = null;
            wanted.add(0, target);
        }
        if (wanted.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "missing REMOTE_PATH: what to get");
        }
        TransferOptions.Candidates candidates = transfer.candidates(address, spec.commandLine(),
                "filetransfer get HOST:PORT --code CODE REMOTE_PATH...");
        return transfer.onFirstPaired(candidates, spec.commandLine().getErr(), options -> get(options, wanted));
    }

    private int get(ClientOptions options, List<String> wanted) throws Exception {
        Files.createDirectories(out);
        Map<String, Object> params = TransferOptions.reportParams(options.host() + ":" + options.port(), options);
        params.put("remotePaths", wanted);
        params.put("out", out.toString());
        try (TransferRun run = new TransferRun("get", transfer.progressWanted())) {
            TransferSummary summary = new FileClient(options).get(wanted, out, run.progress());
            run.finish(summary, params, report, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return 0;
    }
}
