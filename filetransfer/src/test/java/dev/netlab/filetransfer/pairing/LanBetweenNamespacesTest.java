package dev.netlab.filetransfer.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.common.netns.NetnsPair;
import dev.netlab.filetransfer.Fixtures;
import dev.netlab.filetransfer.cli.FiletransferCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts (network namespaces joined by a veth): {@code serve --lan} on one, {@code send --code}
 * on the other with the production discovery group, a packet capture on the client's side of the
 * link. Skips, with the reason, where namespaces or tcpdump are not available.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LanBetweenNamespacesTest {

    private static final String CLI = FiletransferCli.class.getName();

    @TempDir
    Path tmp;

    @Test
    void sendWithTheCodeAcrossTwoHostsDeliversIdenticalBytesAndTheCodeNeverCrossesTheWire() throws Exception {
        assumeTrue(NetnsPair.unavailableReason().isEmpty(), () -> NetnsPair.unavailableReason().orElse(""));
        assumeTrue(onPath("tcpdump"), "tcpdump is not installed: cannot check the capture for the code");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path file = Fixtures.randomFile(tmp.resolve("payload.bin"), 5 * 1024 * 1024 + 3, 21);
        Path capture = tmp.resolve("veth.pcap");
        try (NetnsPair pair = NetnsPair.create("lan" + ProcessHandle.current().pid())) {
            Process tcpdump = pair.b().command("tcpdump", "-i", pair.b().interfaceName(), "-U", "-n", "-w",
                    capture.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (LanServeProcess server = new LanServeProcess(pair.a().java(CLI, "serve", "--lan", "--name", "lab-a",
                         "--dir", root.toString(), "--port", "0",
                         "--tls-identity", tmp.resolve("a.p12").toString()))) {
                awaitCapturing(tcpdump);
                server.awaitLine("listening on ", 90);
                String code = server.awaitLine("pairing code: ", 90).substring("pairing code: ".length());
                List<String> words = Arrays.asList(code.substring(5).split("-"));

                Run peers = run(pair.b().java(CLI, "peers", "--wait", "2s"));
                assertThat(peers.exit).as(peers.err).isZero();
                assertThat(peers.out).contains("lab-a").contains(pair.a().address().getHostAddress() + ":");

                Run wrong = run(pair.b().java(CLI, "send", "--code", code.substring(0, 5) + "wrong-words-here",
                        file.toString(), "--known-servers", tmp.resolve("known").toString()));
                assertThat(wrong.exit).as(wrong.err + " server: " + server.err()).isEqualTo(4);
                assertThat(wrong.err.strip()).isEqualTo("error: pairing refused: wrong code");

                Run sent = run(pair.b().java(CLI, "send", "--code", code, file.toString(),
                        "--known-servers", tmp.resolve("known").toString(), "--no-progress"));
                assertThat(sent.exit).as(sent.err).isZero();
                assertThat(Files.mismatch(root.resolve("payload.bin"), file)).isEqualTo(-1);
                assertThat(Files.readString(tmp.resolve("known")))
                        .contains(pair.a().address().getHostAddress() + ":");

                server.close();
                stop(tcpdump);
                byte[] wire = Files.readAllBytes(capture);
                assertThat(contains(wire, "NLDS".getBytes(StandardCharsets.US_ASCII)))
                        .as("the capture holds the announces").isTrue();
                // A precondition, not the outcome: under load tcpdump drops some of the bulk data (its
                // buffer overflows), never all of it; the pairing's few packets come first.
                assertThat(wire.length).as("the capture holds the connections").isGreaterThan(1024 * 1024);
                // The secret part of the code never crosses the wire, whole or as its words. A short word
                // alone is no evidence: 5 MiB of ciphertext holds a given 3-letter string by chance about
                // one time in three (a given 5-letter one about once in 200,000 runs). Nor is it in what
                // the commands print, where a word alone can be an ordinary word ("tool" heads a column
                // of `peers`).
                String secret = code.substring(5);
                List<String> forms = List.of(secret, String.join("", words), String.join(" ", words));
                for (String form : forms) {
                    assertThat(contains(wire, form.getBytes(StandardCharsets.US_ASCII))).as("'%s' on the wire", form)
                            .isFalse();
                    for (Run r : List.of(peers, wrong, sent)) {
                        assertThat(r.out + r.err).doesNotContain(form);
                    }
                }
                for (String word : words) {
                    if (word.length() >= 5) {
                        assertThat(contains(wire, word.getBytes(StandardCharsets.US_ASCII)))
                                .as("'%s' on the wire", word).isFalse();
                    }
                }
                assertThat(server.out().stream().filter(l -> l.contains(secret)))
                        .containsExactly("pairing code: " + code);
                assertThat(server.err()).noneMatch(l -> l.contains(secret));
            } finally {
                stop(tcpdump);
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(ProcessBuilder builder) throws Exception {
        Process p = builder.start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        byte[][] errBytes = new byte[1][];
        Thread errReader = new Thread(() -> {
            try {
                errBytes[0] = err.readAllBytes();
            } catch (IOException e) {
                errBytes[0] = new byte[0];
            }
        });
        errReader.start();
        String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("command did not end: " + builder.command());
        }
        errReader.join(10_000);
        return new Run(p.exitValue(), outText, new String(errBytes[0], StandardCharsets.UTF_8));
    }

    /** tcpdump says "listening on" on stderr once its capture runs. */
    private static void awaitCapturing(Process tcpdump) throws IOException {
        var err = new java.io.BufferedReader(new java.io.InputStreamReader(tcpdump.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            if (line.contains("listening on")) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // tcpdump ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("tcpdump ended before capturing");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
