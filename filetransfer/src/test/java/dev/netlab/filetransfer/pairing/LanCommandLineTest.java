package dev.netlab.filetransfer.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.common.testing.LoopbackDiscovery;
import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.cli.FiletransferCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --lan} as a child process and {@code send|ls|peers --code} in this JVM, discovering
 * each other by multicast on the loopback interface, on a group and port of this test's own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LanCommandLineTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final LoopbackDiscovery discovery = new LoopbackDiscovery();

    private LanServeProcess serve(Path dir, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                discovery.jvmOptions()[0], discovery.jvmOptions()[1],
                "-cp", System.getProperty("java.class.path"), FiletransferCli.class.getName(),
                "serve", "--lan", "--dir", dir.toString(), "--port", "0", "--bind", "127.0.0.1",
                "--tls-identity", tmp.resolve("identity-" + dir.getFileName() + ".p12").toString()));
        command.addAll(List.of(extra));
        return new LanServeProcess(new ProcessBuilder(command));
    }

    @Test
    void sendWithOnlyTheCodeFindsThePairsAndDeliversIdenticalBytesAndTheCodeIsPrintedOnlyOnce() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path file = Fixtures.randomFile(tmp.resolve("photo.bin"), 3 * 1024 * 1024 + 11, 7);
        Path known = tmp.resolve("known_servers");
        try (LanServeProcess server = serve(root, "--name", "desk")) {
            server.awaitLine("listening on ", 60);
            String code = server.awaitLine("pairing code: ", 60).substring("pairing code: ".length());
            String words = code.substring(5);

            CommandRun.Result peers = CommandRun.run(new FiletransferCli(), "peers", "--wait", "1s", "--json");
            assertThat(peers.exitCode()).as(peers.err()).isZero();
            assertThat(peers.out()).contains("\"name\" : \"desk\"").contains("\"rendezvousId\" : \"" + code.substring(0, 4));

            CommandRun.Result sent = CommandRun.run(new FiletransferCli(), "send", "--code", code, file.toString(),
                    "--known-servers", known.toString(), "--no-progress");
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(Files.mismatch(root.resolve("photo.bin"), file)).isEqualTo(-1);
            assertThat(Files.readString(known)).contains(":" ).contains("SHA256:");

            CommandRun.Result listed = CommandRun.run(new FiletransferCli(), "ls", "--code", code,
                    "--known-servers", known.toString());
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("photo.bin");

            for (CommandRun.Result r : List.of(peers, sent, listed)) {
                assertThat(r.out() + r.err()).doesNotContain(words);
            }
            server.close();
            assertThat(server.out().stream().filter(l -> l.contains(words)))
                    .containsExactly("pairing code: " + code);
            assertThat(server.err()).noneMatch(l -> l.contains(words));
        }
    }

    @Test
    void aWrongCodeExitsFourWritesNothingAndFiveRetireTheCode() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path file = Files.writeString(tmp.resolve("note.txt"), "hello");
        try (LanServeProcess server = serve(root, "--code", "4242-maple-otter-quartz")) {
            server.awaitLine("pairing code: 4242-maple-otter-quartz", 60);
            for (int i = 0; i < PairingCodeKeeper.MAX_FAILED_ATTEMPTS; i++) {
                CommandRun.Result wrong = CommandRun.run(new FiletransferCli(), "send", "--code",
                        "4242-maple-otter-quart" + "abcde".charAt(i), file.toString(),
                        "--known-servers", tmp.resolve("known").toString());
                assertThat(wrong.exitCode()).isEqualTo(4);
                assertThat(wrong.err()).isEqualTo("error: pairing refused: wrong code" + System.lineSeparator());
            }
            String fresh = server.awaitLine("pairing code: ", 30).substring("pairing code: ".length());
            assertThat(fresh).isNotEqualTo("4242-maple-otter-quartz");
            try (var files = Files.list(root)) {
                assertThat(files).isEmpty();
            }
            CommandRun.Result right = CommandRun.run(new FiletransferCli(), "send", "--code", fresh, file.toString(),
                    "--known-servers", tmp.resolve("known").toString());
            assertThat(right.exitCode()).as(right.err()).isZero();
            assertThat(Files.readString(root.resolve("note.txt"))).isEqualTo("hello");
        }
    }

    @Test
    void whenNothingAnnouncesTheErrorSaysWhatToTry() throws Exception {
        Path file = Files.writeString(tmp.resolve("note.txt"), "hello");
        CommandRun.Result result = CommandRun.run(new FiletransferCli(), "send", "--code", "0001-maple-otter-quartz",
                file.toString());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).startsWith("error: no filetransfer server with pairing code 0001-... announced itself on"
                + " the LAN within 3000 ms; check that it runs with --lan on this network and that multicast is not"
                + " blocked (firewall, access-point isolation, VPN), or give its address:"
                + " filetransfer send HOST:PORT --code CODE PATH...");
    }
}
