package dev.netlab.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.CommandRun;
import java.io.EOFException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class LauncherTest {

    @Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class Probe implements Callable<Integer> {

        @Option(names = "--fail-with")
        String failure = "none";

        @Option(names = "--wait")
        Duration wait = Duration.ZERO;

        @Option(names = "--size", converter = SizeConverter.class)
        long size;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() throws Exception {
            switch (failure) {
                case "refused" -> throw new CommandFailedException(ExitCodes.AUTH_REFUSED, "authentication refused");
                case "connect" -> throw new ConnectException("Connection refused");
                case "eof" -> throw new EOFException("peer closed the connection");
                case "bind" -> throw new java.net.BindException("Address already in use");
                case "bug" -> throw new IllegalStateException("something broke");
                default -> {
                    return ExitCodes.OK;
                }
            }
        }
    }

    @Test
    void succeedsWithExitZero() {
        assertThat(CommandRun.run(new Probe(), "--wait", "250ms", "--size", "64k").exitCode()).isZero();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CommandRun.Result result = CommandRun.run(new Probe(), "--bogus");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("error: Unknown option: '--bogus' (see 'probe --help')" + System.lineSeparator());
    }

    @Test
    void aBadSizeIsAUsageErrorNamingTheValue() {
        CommandRun.Result result = CommandRun.run(new Probe(), "--size", "lots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: Invalid value for option '--size': 'lots' is not a size (examples: 512, 64k, 1m, 2g)")
                .hasLineCount(1);
    }

    @Test
    void aCommandsOwnVerdictKeepsItsExitCodeAndMessage() {
        CommandRun.Result result = CommandRun.run(new Probe(), "--fail-with", "refused");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
        assertThat(result.err()).isEqualTo("error: authentication refused" + System.lineSeparator());
    }

    @Test
    void aRefusedConnectionExitsThree() {
        CommandRun.Result result = CommandRun.run(new Probe(), "--fail-with", "connect");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DISCONNECTED);
        assertThat(result.err()).isEqualTo("error: could not connect: Connection refused" + System.lineSeparator());
    }

    @Test
    void aLostPeerExitsThree() {
        assertThat(CommandRun.run(new Probe(), "--fail-with", "eof").exitCode()).isEqualTo(ExitCodes.DISCONNECTED);
    }

    @Test
    void aPortAlreadyTakenIsAFailureNotADisconnect() {
        CommandRun.Result result = CommandRun.run(new Probe(), "--fail-with", "bind");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).isEqualTo("error: Address already in use" + System.lineSeparator());
    }

    @Test
    void anyOtherFailureExitsOneWithOneLineAndNoStackTrace() {
        CommandRun.Result result = CommandRun.run(new Probe(), "--fail-with", "bug");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).isEqualTo("error: something broke" + System.lineSeparator());
    }

    @Test
    void verbosePrintsTheStackTraceToo() {
        CommandRun.Result result = CommandRun.run(new Probe(), "--fail-with", "bug", "--verbose");

        assertThat(result.err()).startsWith("error: something broke").contains("at dev.netlab.common.cli.LauncherTest");
    }

    @Test
    void versionNamesNetlabAndJava() {
        CommandRun.Result result = CommandRun.run(new Probe(), "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("netlab ").contains("Java ");
    }

    /** A tool of two subcommands; "broken" has no valid picocli model, so building it at all fails. */
    @Command(name = "tool", mixinStandardHelpOptions = true)
    static final class Tool implements Launcher.Suite {
        @Override
        public List<Class<?>> subcommands() {
            return List.of(Probe.class, Broken.class);
        }
    }

    @Command(name = "broken")
    static final class Broken implements Runnable {
        @Option(names = "--twice")
        int first;

        @Option(names = "--twice")
        int second;

        @Override
        public void run() {
        }
    }

    @Test
    void aSuiteBuildsOnlyTheSubcommandItsArgumentsName() {
        CommandRun.Result result = CommandRun.run(new Tool(), "probe", "--size", "1k");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aSuiteNamingNoSubcommandBuildsThemAllForTheHelp() {
        assertThatThrownBy(() -> CommandRun.run(new Tool(), "--help"))
                .isInstanceOf(CommandLine.DuplicateOptionAnnotationsException.class)
                .hasMessageContaining("--twice");
    }
}
