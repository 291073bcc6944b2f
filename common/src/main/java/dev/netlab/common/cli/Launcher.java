package dev.netlab.common.cli;

import dev.netlab.common.frame.TruncatedFrameException;
import java.io.EOFException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a netlab command line and turns every outcome into one of the {@link ExitCodes}. This is
 * the one place where exceptions become exit codes and error lines: commands and library code
 * throw; nothing below here prints a stack trace.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Runs {@code command} against the process's stdout and stderr. */
    public static int run(Object command, String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return run(command, out, err, args);
    }

    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine commandLine = new CommandLine(command);
        if (command instanceof Suite suite) {
            addSubcommands(commandLine, suite, args);
        }
        commandLine.registerConverter(Duration.class, new DurationConverter())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Launcher::usageError)
                .setExecutionExceptionHandler(new ErrorLine(verbose));
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A top-level command whose subcommands are built only when they are named. picocli reflects
     * over every option of every command it is given; for a whole tool that is about 0.15
     * CPU-seconds of a fresh JVM's start, which a one-shot {@code send} pays before its first byte.
     */
    public interface Suite {
        /** The subcommand classes, each annotated with {@link Command}, in the order help lists them. */
        List<Class<?>> subcommands();
    }

    /** Adds the subcommand the first argument names, or all of them when it names none (help, errors). */
    private static void addSubcommands(CommandLine commandLine, Suite suite, String[] args) {
        String named = args.length > 0 ? args[0] : "";
        for (Class<?> subcommand : suite.subcommands()) {
            if (subcommand.getAnnotation(Command.class).name().equals(named)) {
                commandLine.addSubcommand(subcommand);
                return;
            }
        }
        suite.subcommands().forEach(commandLine::addSubcommand);
    }

    /** A usage error is one line too, pointing at the help instead of printing all of it. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println("error: " + e.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Maps an exception to its exit code, DESIGN.md's table in code. */
    public static int exitCodeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExitStatus status) {
                return status.exitCode();
            }
            if (t instanceof BindException) {
                return ExitCodes.FAILED; // our own port is taken: nothing to do with a peer
            }
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SocketException
                    || t instanceof EOFException
                    || t instanceof ClosedChannelException
                    || t instanceof TruncatedFrameException) {
                return ExitCodes.DISCONNECTED;
            }
        }
        return ExitCodes.FAILED;
    }

    /** One line on stderr per failure; the stack trace too only with {@code --verbose}. */
    private static final class ErrorLine implements IExecutionExceptionHandler {

        private final boolean verbose;

        ErrorLine(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
            Throwable shown = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            PrintWriter err = commandLine.getErr();
            err.println("error: " + describe(shown));
            if (verbose) {
                shown.printStackTrace(err);
            }
            err.flush();
            return exitCodeOf(shown);
        }

        private static String describe(Throwable t) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                return t.getClass().getSimpleName();
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return "could not connect: " + message;
            }
            return message;
        }
    }
}
