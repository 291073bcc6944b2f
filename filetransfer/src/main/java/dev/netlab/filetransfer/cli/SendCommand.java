package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.ReportOptions;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.filetransfer.client.ClientOptions;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.client.TransferSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code filetransfer send HOST:PORT PATH...}: upload files and trees; exit 0 only if the server verified every file. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send files and directory trees; exits 0 only when the server verified every file.")
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

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
        ClientOptions options = transfer.toClientOptions(target, spec.commandLine());
        Map<String, Object> params = TransferOptions.reportParams(target, options);
        params.put("paths", paths.stream().map(Path::toString).toList());
        params.put("to", to);
        try (TransferRun run = new TransferRun("send", transfer.progressWanted())) {
            TransferSummary summary = new FileClient(options).send(paths, to, run.progress());
            run.finish(summary, params, report, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return 0;
    }
}
