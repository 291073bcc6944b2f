package dev.netlab.livestream.cli;

import dev.netlab.common.cli.CompareCommand;
import dev.netlab.common.cli.PeersCommand;
import dev.netlab.common.cli.Launcher;
import dev.netlab.common.cli.VersionProvider;
import dev.netlab.livestream.bench.BenchCommand;
import dev.netlab.livestream.impair.ImpairCommand;
import java.util.List;
import picocli.CommandLine.Command;

/** The {@code livestream} command: UDP real-time audio and frame streaming. */
@Command(name = "livestream", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "UDP real-time audio and video-frame streaming that keeps playing through loss, reordering and jitter.")
public final class LivestreamCli implements Launcher.Suite {

    public static void main(String[] args) {
        System.exit(Launcher.run(new LivestreamCli(), args));
    }

    @Override
    public List<Class<?>> subcommands() {
        return List.of(ServeCommand.class, PlayCommand.class, ImpairCommand.class, RtpCommand.class, DemoCommand.class,
                FanoutCommand.class, BenchCommand.class, CompareCommand.class, GenerateSamplesCommand.class,
                PeersCommand.class);
    }
}
