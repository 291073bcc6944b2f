package dev.netlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChildServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void learnsThePortFromTheListeningLineAndStopsTheServerOnClose() throws Exception {
        ChildServer server = ChildServer.start(ChildCommand.of("sh", "-c",
                "echo starting; echo 'listening on 127.0.0.1:4242'; exec sleep 30"));
        try (server) {
            InetSocketAddress address = server.awaitListening(WAIT);

            assertThat(address.getHostString()).isEqualTo("127.0.0.1");
            assertThat(address.getPort()).isEqualTo(4242);
            assertThat(server.output()).startsWith("starting");
        }
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void readsTheListeningLineFromStderrToo() throws Exception {
        try (ChildServer server = ChildServer.start(ChildCommand.of("sh", "-c",
                "echo 'listening on [::1]:5000' >&2; exec sleep 30"))) {
            assertThat(server.awaitListening(WAIT).getPort()).isEqualTo(5000);
        }
    }

    @Test
    void aServerThatExitsBeforeListeningIsReportedWithItsLastLine() throws Exception {
        try (ChildServer server = ChildServer.start(ChildCommand.of("sh", "-c", "echo 'error: --dir is required'; exit 2"))) {
            assertThatThrownBy(() -> server.awaitListening(WAIT))
                    .isInstanceOf(ChildFailedException.class)
                    .hasMessageEndingWith("ended its output before a line matching 'listening on (\\S+):(\\d+)'"
                            + ": error: --dir is required");
        }
    }

    @Test
    void aServerThatStaysSilentTimesOut() throws Exception {
        try (ChildServer server = ChildServer.start(ChildCommand.of("sleep", "30"))) {
            assertThatThrownBy(() -> server.awaitListening(Duration.ofMillis(300)))
                    .isInstanceOf(ChildFailedException.class)
                    .hasMessage("`sleep 30` printed nothing matching within 300 ms before a line matching "
                            + "'listening on (\\S+):(\\d+)'");
        }
    }

    @Test
    void awaitExitReturnsTheExitCodeOfAChildThatEnds() throws Exception {
        try (ChildServer child = ChildServer.start(ChildCommand.of("sh", "-c", "exit 5"))) {
            assertThat(child.awaitExit(WAIT)).isEqualTo(5);
        }
    }

    @Test
    void closeKillsAChildThatIgnoresSigterm() throws Exception {
        ChildServer stubborn = ChildServer.start(ChildCommand.of("sh", "-c",
                "trap '' TERM; echo 'listening on 127.0.0.1:1'; while :; do sleep 1; done"));
        stubborn.awaitListening(WAIT);

        stubborn.close();

        assertThat(stubborn.isAlive()).isFalse();
    }
}
