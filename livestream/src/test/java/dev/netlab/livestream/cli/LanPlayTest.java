package dev.netlab.livestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.bench.ChildCommand;
import dev.netlab.bench.ChildServer;
import dev.netlab.common.testing.CommandRun;
import dev.netlab.common.testing.LoopbackDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --lan} children and {@code peers} / {@code play --name} / {@code play} in this JVM,
 * over multicast on the loopback interface with a group and port of this test's own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LanPlayTest {

    private static final Path SAMPLE = Path.of("../samples/media/sample.wav");

    @TempDir
    Path tmp;

    @RegisterExtension
    final LoopbackDiscovery discovery = new LoopbackDiscovery();

    private ChildServer serve(String name) throws Exception {
        ChildServer server = ChildServer.start(ChildCommand.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                discovery.jvmOptions()[0], discovery.jvmOptions()[1],
                "-cp", System.getProperty("java.class.path"), LivestreamCli.class.getName(),
                "serve", "--lan", "--name", name, "--loop", "--audio", SAMPLE.toString(), "--port", "0",
                "--bind", "127.0.0.1"));
        server.awaitLine(Pattern.compile("lan: announcing '" + name + "'"), Duration.ofSeconds(60));
        return server;
    }

    @Test
    void playFindsTheStreamByNameOrAsTheOnlyOneAndRefusesToGuessBetweenTwo() throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "samples/media/sample.wav is missing");
        try (ChildServer radio = serve("radio")) {
            CommandRun.Result peers = CommandRun.run(new LivestreamCli(), "peers", "--wait", "1s");
            assertThat(peers.exitCode()).as(peers.err()).isZero();
            assertThat(peers.out()).contains("radio").contains("127.0.0.1:").contains("livestream").contains("UDP");

            Path byName = tmp.resolve("by-name.wav");
            CommandRun.Result named = CommandRun.run(new LivestreamCli(), "play", "--name", "radio", "--duration", "1s",
                    "--out-audio", byName.toString(), "--no-progress");
            assertThat(named.exitCode()).as(named.err()).isZero();
            assertThat(Files.size(byName)).isGreaterThan(44);

            CommandRun.Result only = CommandRun.run(new LivestreamCli(), "play", "--duration", "1s", "--no-progress");
            assertThat(only.exitCode()).as(only.err()).isZero();

            try (ChildServer tv = serve("tv")) {
                CommandRun.Result ambiguous = CommandRun.run(new LivestreamCli(), "play", "--duration", "1s");
                assertThat(ambiguous.exitCode()).isEqualTo(2);
                assertThat(ambiguous.err()).contains("  radio  127.0.0.1:").contains("  tv  127.0.0.1:")
                        .contains("error: 2 streams announce themselves (listed above); choose one with --name NAME");
            }
            CommandRun.Result missing = CommandRun.run(new LivestreamCli(), "play", "--name", "nothing-here");
            assertThat(missing.exitCode()).isEqualTo(3);
            assertThat(missing.err()).startsWith("error: no stream named 'nothing-here' announced itself on the LAN");
        }
    }
}
