package dev.netlab.lab.cli;

import dev.netlab.common.cli.Launcher;
import dev.netlab.common.cli.VersionProvider;
import java.util.List;
import picocli.CommandLine.Command;

/** The {@code lab} command: TCP against UDP, for media and for files, over one real lossy link. */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Both jobs on both protocols over one real lossy link: why files go over TCP and live media over UDP.")
public final class LabCli implements Launcher.Suite {

    public static void main(String[] args) {
        System.exit(Launcher.run(new LabCli(), args));
    }

    @Override
    public List<Class<?>> subcommands() {
        return List.of(RunCommand.class);
    }
}
