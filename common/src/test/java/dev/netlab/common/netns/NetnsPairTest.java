package dev.netlab.common.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two namespaces really carry datagrams between them, unicast and multicast, lose them when told
 * to, and are gone after close. The two ends are python3 one-liners so the test needs no tool of
 * the project's own.
 */
@Timeout(60)
class NetnsPairTest {

    /**
     * How long the receiver waits for its first datagram. Not a measure of anything: the senders
     * are separate python processes, which can take seconds to start on a loaded 2-core machine,
     * and a lost datagram is shown by what arrives after it, not by silence until a deadline.
     */
    static final int RECEIVE_TIMEOUT_SECONDS = 30;

    private static final String PORT = "47123";

    private static final String RECEIVE = String.join("\n",
            "import socket, struct, sys",
            "group, port, local = sys.argv[1], int(sys.argv[2]), sys.argv[3]",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.bind(('', port))",
            "if group != '-':",
            "    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,",
            "                 socket.inet_aton(group) + socket.inet_aton(local))",
            "s.settimeout(" + NetnsPairTest.RECEIVE_TIMEOUT_SECONDS + ")",
            "print('ready', flush=True)",
            "try:",
            "    data, _ = s.recvfrom(2048)",
            "    print(data.decode(), flush=True)",
            "except socket.timeout:",
            "    print('nothing', flush=True)");

    private static final String SEND = String.join("\n",
            "import socket, sys, time",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)",
            "for _ in range(5):",
            "    s.sendto(sys.argv[3].encode(), (sys.argv[1], int(sys.argv[2])))",
            "    time.sleep(0.05)");

    @BeforeAll
    static void needsNamespacesAndPython() {
        assumeTrue(NetnsPair.unavailableReason().isEmpty(), () -> NetnsPair.unavailableReason().get());
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
    }

    @Test
    void carriesADatagramFromOneHostToTheOther() throws Exception {
        try (NetnsPair pair = NetnsPair.create("unicast")) {
            assertThat(exchange(pair, "-", pair.b().address().getHostAddress(), "hello b")).isEqualTo("hello b");
        }
    }

    @Test
    void carriesMulticastBetweenTheHosts() throws Exception {
        try (NetnsPair pair = NetnsPair.create("multicast")) {
            assertThat(exchange(pair, "239.255.77.1", "239.255.77.1", "announce")).isEqualTo("announce");
        }
    }

    @Test
    void dropsEverythingAtFullLossAndCarriesAgainAtZero() throws Exception {
        try (NetnsPair pair = NetnsPair.create("loss")) {
            String b = pair.b().address().getHostAddress();
            // Datagrams that crossed the veth would reach the receiver before later ones: the
            // first it gets must be one sent after the loss was lifted.
            String first = firstReceived(pair, "-", () -> {
                pair.setLossPercent(100);
                send(pair, b, "lost");
                pair.setLossPercent(0);
                send(pair, b, "back");
            });
            assertThat(first).isEqualTo("back");
        }
    }

    @Test
    void acceptsARateLimit() throws Exception {
        try (NetnsPair pair = NetnsPair.create("rate")) {
            pair.setRate(1_000_000_000L);
            assertThat(exchange(pair, "-", pair.b().address().getHostAddress(), "shaped")).isEqualTo("shaped");
        }
    }

    @Test
    void splitsEveryPacketToWireSizeOnBothEnds() throws Exception {
        try (NetnsPair pair = NetnsPair.create("wire")) {
            pair.splitIntoWirePackets();
            for (NetnsPair.Host host : java.util.List.of(pair.a(), pair.b())) {
                Process show = new ProcessBuilder("ip", "-n", host.namespace(), "-d", "link", "show", host.interfaceName())
                        .redirectErrorStream(true).start();
                String details = new String(show.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(show.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(details).as(host.toString()).contains("gso_max_segs 1 ");
            }
            assertThat(exchange(pair, "-", pair.b().address().getHostAddress(), "split")).isEqualTo("split");
        }
    }

    @Test
    void removesBothNamespacesOnClose() throws Exception {
        NetnsPair pair = NetnsPair.create("close");
        String a = pair.a().namespace();
        String b = pair.b().namespace();
        assertThat(namespaces()).contains(a, b);
        pair.close();
        pair.close();
        assertThat(namespaces()).doesNotContain(a, b);
    }

    /** Starts a receiver in b, sends from a, returns what b printed: the payload or "nothing". */
    private static String exchange(NetnsPair pair, String group, String target, String payload) throws Exception {
        return firstReceived(pair, group, () -> send(pair, target, payload));
    }

    /** What the test does while the receiver in b listens. */
    private interface Sends {
        void run() throws Exception;
    }

    /** Starts a receiver in b, runs {@code sends}, returns the first datagram b got, or "nothing". */
    private static String firstReceived(NetnsPair pair, String group, Sends sends) throws Exception {
        Process receiver = pair.b().command("python3", "-c", RECEIVE, group, PORT,
                pair.b().address().getHostAddress()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            sends.run();
            String line = out.readLine();
            assertThat(receiver.waitFor(10, TimeUnit.SECONDS)).isTrue();
            return line;
        } finally {
            receiver.destroyForcibly();
        }
    }

    /** Sends {@code payload} five times from a to {@code target}; returns once the sender has exited. */
    private static void send(NetnsPair pair, String target, String payload) throws Exception {
        Process sender = pair.a().command("python3", "-c", SEND, target, PORT, payload)
                .redirectErrorStream(true).start();
        assertThat(sender.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sender.exitValue()).as(new String(sender.getInputStream().readAllBytes())).isZero();
    }

    private static String namespaces() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String text = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(10, TimeUnit.SECONDS);
        return text;
    }
}
