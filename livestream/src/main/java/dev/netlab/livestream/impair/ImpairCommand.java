package dev.netlab.livestream.impair;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.DurationConverter;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.common.cli.HostPort;
import dev.netlab.common.cli.PercentConverter;
import dev.netlab.common.cli.VerboseOption;
import dev.netlab.common.cli.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code livestream impair}: runs an {@link ImpairmentRelay} until SIGINT or SIGTERM, then
 * prints its counters. It only parses options and reports; the relay does the work.
 */
@Command(name = "impair", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Two-way UDP relay that applies loss (random or in bursts), delay, jitter, reordering, "
                    + "duplication and corruption to both directions, like netem without root.",
            "Each client address gets its own mapping to the target, so many clients can share it. "
                    + "Prints 'listening on HOST:PORT' once bound and its counters when stopped (Ctrl-C)."})
public final class ImpairCommand implements Callable<Integer> {

    /** Where {@code --listen PORT} binds when no host is given: loopback, never the LAN. */
    static final String DEFAULT_LISTEN_HOST = "127.0.0.1";

    /** How long the shutdown hook waits for the counters to be printed before the JVM exits. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "PORT",
            description = "Port to listen on, on 127.0.0.1 (or HOST:PORT); 0 picks a free port and prints it.")
    String listen;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "Where to relay to.")
    String to;

    @Option(names = "--loss", paramLabel = "P%", defaultValue = "0%", converter = PercentConverter.class,
            description = "Long-run fraction of datagrams lost, e.g. 5%% (default: ${DEFAULT-VALUE}).")
    double loss;

    @Option(names = "--burst", paramLabel = "N", defaultValue = "0",
            description = "Mean loss burst length (Gilbert-Elliott, keeping --loss as the long-run rate); "
                    + "0 = independent losses (default).")
    double burst;

    @Option(names = "--delay", paramLabel = "D", defaultValue = "0ms", converter = DurationConverter.class,
            description = "One-way delay added in each direction, e.g. 10ms (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--jitter", paramLabel = "D", defaultValue = "0ms", converter = DurationConverter.class,
            description = "Each delay is drawn uniformly from delay +- jitter (default: ${DEFAULT-VALUE}).")
    Duration jitter;

    @Option(names = "--reorder", paramLabel = "P%", defaultValue = "0%", converter = PercentConverter.class,
            description = "Fraction of datagrams held back 25 ms so later ones overtake them.")
    double reorder;

    @Option(names = "--duplicate", paramLabel = "P%", defaultValue = "0%", converter = PercentConverter.class,
            description = "Fraction of datagrams sent twice.")
    double duplicate;

    @Option(names = "--corrupt", paramLabel = "P%", defaultValue = "0%", converter = PercentConverter.class,
            description = "Fraction of datagrams with one byte flipped.")
    double corrupt;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of every random choice; the same seed repeats a run (default: random, printed at exit).")
    Long seed;

    @Mixin
    VerboseOption verbose;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException, InterruptedException {
        long usedSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        ImpairmentConfig config = config(usedSeed);
        InetSocketAddress target = HostPort.resolve(parse(to, null, HostPort.MIN_PEER_PORT, "--to"));
        InetSocketAddress bindTo = HostPort.resolve(parse(listen, DEFAULT_LISTEN_HOST, 0, "--listen"));
        PrintWriter out = spec.commandLine().getOut();
        Thread hook = new Thread(this::stopFromSignal, "impair-shutdown");
        long started = System.nanoTime();
        try (ImpairmentRelay relay = startRelay(config, bindTo, target)) {
            out.println("listening on " + HostPort.format(relay.localAddress()));
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            stopRequested.await();
            relay.close();
            out.printf(java.util.Locale.ROOT, "stopped after %.1f s (seed %d)%n",
                    (System.nanoTime() - started) / 1e9, usedSeed);
            out.println(relay.counters().format());
            out.flush();
        } finally {
            stopped.countDown();
            removeHook(hook);
        }
        return ExitCodes.OK;
    }

    /** Asks a running {@link #call()} to close the relay and print its counters. */
    void requestStop() {
        stopRequested.countDown();
    }

    private void stopFromSignal() {
        stopRequested.countDown();
        try {
            stopped.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (we were stopped by a signal): nothing to remove
        }
    }

    private ImpairmentConfig config(long usedSeed) {
        try {
            return new ImpairmentConfig(loss, burst, delay, jitter, reorder, duplicate, corrupt, usedSeed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private InetSocketAddress parse(String value, String defaultHost, int minPort, String option) {
        try {
            return HostPort.parse(value, defaultHost, minPort);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for " + option + ": " + e.getMessage());
        }
    }

    private static ImpairmentRelay startRelay(ImpairmentConfig config, InetSocketAddress bindTo,
                                              InetSocketAddress target) throws IOException {
        try {
            return ImpairmentRelay.start(config, bindTo, target);
        } catch (BindException e) {
            throw new CommandFailedException(ExitCodes.FAILED,
                    "cannot listen on " + HostPort.format(bindTo) + ": " + e.getMessage());
        }
    }
}
