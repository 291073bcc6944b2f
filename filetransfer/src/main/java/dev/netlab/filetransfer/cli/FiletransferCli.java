package dev.netlab.filetransfer.cli;

import dev.netlab.common.cli.CompareCommand;
import dev.netlab.common.cli.PeersCommand;
import dev.netlab.common.cli.Launcher;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.filetransfer.bench.BenchCommand;
import java.util.List;
import picocli.CommandLine.Command;

/** The {@code filetransfer} command: a reliable TCP file server and client. */
@Command(name = "filetransfer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reliable TCP file transfer: chunk checksums, verified atomic writes, resume.")
public final class FiletransferCli implements Runnable, Launcher.Suite {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Launcher.run(new FiletransferCli(), args));
    }

    @Override
    public List<Class<?>> subcommands() {
        return List.of(ServeCommand.class, SendCommand.class, GetCommand.class, LsCommand.class, DemoCommand.class,
                BenchCommand.class, CompareCommand.class, PeersCommand.class);
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (serve, send, get, ls, peers, demo, bench, compare)");
    }
}
