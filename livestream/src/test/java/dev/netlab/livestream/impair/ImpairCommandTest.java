package dev.netlab.livestream.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netlab.common.cli.Launcher;
import dev.netlab.common.testing.CommandRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImpairCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void printsTheBoundAddressRelaysUntilStoppedAndThenPrintsItsCounters() throws Exception {
        try (UdpEchoPeer echo = new UdpEchoPeer()) {
            ImpairCommand command = new ImpairCommand();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Launcher.run(command,
                    new PrintWriter(out, true), new PrintWriter(err, true),
                    "--listen", "0", "--to", "127.0.0.1:" + echo.address().getPort(), "--seed", "5"));
            await().atMost(Duration.ofSeconds(10)).until(() -> LISTENING.matcher(out.toString()).find());
            Matcher listening = LISTENING.matcher(out.toString());
            assertThat(listening.find()).isTrue();
            int port = Integer.parseInt(listening.group(1));

            try (DatagramSocket client = ImpairmentRelayTest.client()) {
                for (int i = 0; i < 10; i++) {
                    byte[] datagram = ImpairmentRelayTest.datagram(i, 64);
                    client.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
                    assertThat(ImpairmentRelayTest.receive(client)).isEqualTo(datagram);
                }
            }
            command.requestStop();

            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString().lines().toList())
                    .hasSize(4)
                    .startsWith("listening on 127.0.0.1:" + port)
                    .contains("to-target: received 10, forwarded 10, dropped 0, duplicated 0, corrupted 0, reordered 0, discarded 0",
                            "to-client: received 10, forwarded 10, dropped 0, duplicated 0, corrupted 0, reordered 0, discarded 0");
            assertThat(out.toString()).contains("(seed 5)");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void refusesALossAboveOneHundredPercentAsAUsageError() {
        CommandRun.Result result = CommandRun.run(new ImpairCommand(), "--listen", "0", "--to", "127.0.0.1:9", "--loss", "150%");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'150%' is not a percentage between 0% and 100% (examples: 5%, 0.05)");
    }

    @Test
    void refusesALossThatBurstsOfThatLengthCannotReach() {
        CommandRun.Result result = CommandRun.run(new ImpairCommand(),
                "--listen", "0", "--to", "127.0.0.1:9", "--loss", "80%", "--burst", "2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("loss 0.8000 with mean burst 2.000 is impossible: at most 0.6667 (burst/(burst+1))");
    }

    @Test
    void refusesATargetWithoutAPort() {
        CommandRun.Result result = CommandRun.run(new ImpairCommand(), "--listen", "0", "--to", "localhost");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("invalid value for --to: 'localhost' is not HOST:PORT (examples: 127.0.0.1:5004, [::1]:5004)");
    }

    @Test
    void refusesAMissingTarget() {
        CommandRun.Result result = CommandRun.run(new ImpairCommand(), "--listen", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--to=HOST:PORT'");
    }

    @Test
    void refusesAPortAlreadyInUseWithOneClearLine() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            CommandRun.Result result = CommandRun.run(new ImpairCommand(),
                    "--listen", String.valueOf(taken.getLocalPort()), "--to", "127.0.0.1:9");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
            assertThat(result.err().lines()).hasSize(1);
        }
    }

    @Test
    void helpListsExactlyTheOptionsOfTheDesign() {
        CommandRun.Result result = CommandRun.run(new ImpairCommand(), "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--listen=PORT", "--to=HOST:PORT", "--loss=P%", "--burst=N", "--delay=D",
                "--jitter=D", "--reorder=P%", "--duplicate=P%", "--corrupt=P%", "--seed=N", "--verbose");
    }
}
