package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.filetransfer.demo.DemoRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code filetransfer demo}: a few seconds that show a verified, resumed transfer on loopback. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a server in-process, send samples/files, cut one transfer, resume it, verify.")
public final class DemoCommand implements Callable<Integer> {

    /** How far up from the working directory to look for samples/files. */
    private static final int SEARCH_DEPTH = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "DIR", description = "Directory to send (default: samples/files of the checkout).")
    Path samples;

    @Override
    public Integer call() throws Exception {
        // The demo cuts a connection on purpose; the server's warning about it would only confuse.
        System.setProperty("org.slf4j.simpleLogger.log.dev.netlab.filetransfer", "error");
        PrintWriter out = spec.commandLine().getOut();
        Path source = samples != null ? samples : findSamples();
        if (source == null || !Files.isDirectory(source)) {
            throw new CommandFailedException(ExitCodes.FAILED, "samples/files not found in " + Path.of("").toAbsolutePath()
                    + " or its parents; run the demo from the netlab checkout or pass --samples DIR");
        }
        Path work = Files.createTempDirectory("filetransfer-demo-");
        boolean ok = new DemoRun(out).run(source, work);
        out.println(ok ? "Demo passed. Files are in " + work : "Demo FAILED. Files are in " + work);
        out.flush();
        if (!ok) {
            throw new CommandFailedException(ExitCodes.FAILED, "demo found a problem (see above)");
        }
        return 0;
    }

    private static Path findSamples() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i <= SEARCH_DEPTH && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("samples/files");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
