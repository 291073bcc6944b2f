package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.VerboseOption;
import dev.netlab.filetransfer.client.FileClient;
import dev.netlab.filetransfer.protocol.Message;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code filetransfer ls HOST:PORT [REMOTE_DIR]}: list a directory on the server. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List a directory on the server.")
public final class LsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT", description = "The server; with --code it may"
            + " be left out, and the server is found on the LAN.")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE_DIR", defaultValue = "")
    String remoteDir;

    @Mixin
    TransferOptions transfer;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        String address = target;
        String dir = remoteDir;
        if (transfer.pairing() && target != null && !TransferOptions.looksLikeHostPort(target)) {
            address = null;
            dir = target;
        }
        String listed = dir;
        TransferOptions.Candidates candidates = transfer.candidates(address, spec.commandLine(),
                "filetransfer ls HOST:PORT --code CODE [REMOTE_DIR]");
        List<Message.ListingEntry> entries = transfer.onFirstPaired(candidates, spec.commandLine().getErr(),
                options -> new FileClient(options).list(listed));
        PrintWriter out = spec.commandLine().getOut();
        for (Message.ListingEntry e : entries) {
            out.printf("%s %14s  %s  %s%n", e.directory() ? "d" : "-", e.directory() ? "-" : Long.toString(e.size()),
                    TIME.format(Instant.ofEpochMilli(e.mtimeMillis())), e.name() + (e.directory() ? "/" : ""));
        }
        out.flush();
        return 0;
    }
}
