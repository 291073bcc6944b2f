package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netlab.common.report.RunReportJson;
import dev.netlab.common.testing.CommandRun;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliTest {

    @TempDir
    Path tmp;

    @Test
    void servePrintsItsRealPortAndStopsCleanlyOnSigterm() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FiletransferCli.class.getName(),
                "serve", "--dir", root.toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).matches("listening on 127\\.0\\.0\\.1:[1-9][0-9]*");
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            Path file = Files.writeString(tmp.resolve("hello.txt"), "hello");

            CommandRun.Result sent = CommandRun.run(new FiletransferCli(), "send", "127.0.0.1:" + port, file.toString());

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("hello");
            serve.destroy();
            assertThat(serve.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isZero();
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void sendExitsThreeWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");

        CommandRun.Result result = CommandRun.run(new FiletransferCli(), "send", "127.0.0.1:" + port, file.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).startsWith("error: could not connect");
    }

    @Test
    void sendRejectsAChunkSizeOutsideItsRangeAsAUsageError() throws Exception {
        CommandRun.Result result = CommandRun.run(new FiletransferCli(), "send", "127.0.0.1:9", "x", "--chunk-size", "1k");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--chunk-size 1024 outside 64k..16m");
    }

    @Test
    void sendAndGetRefuseAnAddressWithoutPortAsAUsageErrorWithTheSharedMessage() throws Exception {
        for (String command : new String[] {"send", "get"}) {
            CommandRun.Result result = CommandRun.run(new FiletransferCli(), command, "127.0.0.1", "x");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("'127.0.0.1' is not HOST:PORT (examples: 127.0.0.1:5004, [::1]:5004)");
        }
    }

    @Test
    void sendWritesARunReportAndPrintsDigestAndSummary() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path file = Files.writeString(tmp.resolve("a.txt"), "a");
        Path report = tmp.resolve("run.json");
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            CommandRun.Result result = CommandRun.run(new FiletransferCli(), "send",
                    "127.0.0.1:" + server.localAddress().getPort(), file.toString(), "--report", report.toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).startsWith("a96faf705af16834e6c632b61e964e1f  a.txt  (xxh128)\n1 files, 1 B in ");
            assertThat(result.out()).contains("all verified (xxh128)");
        }
        JsonNode json = RunReportJson.mapper().readTree(report.toFile());
        assertThat(json.get("tool").asText()).isEqualTo("filetransfer");
        JsonNode res = json.get("result");
        assertThat(res.get("ok").asBoolean()).isTrue();
        assertThat(res.get("files").asLong()).isEqualTo(1);
        assertThat(res.get("bytes").asLong()).isEqualTo(1);
        for (String field : new String[] {"seconds", "bytesPerSecond", "resumedBytes", "chunksRetransmitted", "skippedFiles"}) {
            assertThat(res.has(field)).as(field).isTrue();
        }
        assertThat(res.get("digests").get(0).get("digest").asText()).isEqualTo("a96faf705af16834e6c632b61e964e1f");
        assertThat(res.get("digests").get(0).get("algorithm").asText()).isEqualTo("xxh128");
        assertThat(json.get("intervals").isArray()).isTrue();
    }

    @Test
    void getDownloadsATreeVerifiedAndLsListsIt() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Fixtures.randomFile(root.resolve("docs/big.bin"), 3 * 1024 * 1024 + 5, 1);
        Files.writeString(root.resolve("docs/notes.txt"), "notes");
        Files.createDirectories(root.resolve("docs/empty"));
        Path out = tmp.resolve("out");
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            String target = "127.0.0.1:" + server.localAddress().getPort();

            CommandRun.Result listed = CommandRun.run(new FiletransferCli(), "ls", target, "docs");
            CommandRun.Result got = CommandRun.run(new FiletransferCli(), "get", target, "docs", "--out", out.toString());

            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("3145733  ").contains(" big.bin\n").contains(" empty/\n").contains(" notes.txt\n");
            assertThat(got.exitCode()).as(got.err()).isZero();
            assertThat(got.out()).contains("all verified (xxh128)");
        }
        assertThat(Fixtures.tree(out.resolve("docs"))).isEqualTo(Fixtures.tree(root.resolve("docs")));
    }

    @Test
    void getRefusesAPathOutsideTheServedDirectory() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (FileServer server = Fixtures.server(ServerConfig.loopback(root))) {
            CommandRun.Result got = CommandRun.run(new FiletransferCli(), "get",
                    "127.0.0.1:" + server.localAddress().getPort(), "../etc/passwd", "--out", tmp.resolve("out").toString());

            assertThat(got.exitCode()).isEqualTo(1);
            assertThat(got.err()).isEqualTo("error: server refused: path with '..' refused: ../etc/passwd\n");
        }
    }

    @Test
    void demoSendsTheSamplesCutsOneTransferResumesItAndPasses() throws Exception {
        Path samples = Path.of("..", "samples", "files").toAbsolutePath().normalize();

        CommandRun.Result demo = CommandRun.run(new FiletransferCli(), "demo", "--samples", samples.toString());

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("cut the connection").contains("were already on the server").contains("all identical");
        assertThat(demo.out()).contains("A client that knew only the code found 127.0.0.1:")
                .contains("A client with a wrong code: pairing refused: wrong code (exit code 4), nothing written")
                .contains("sent big-demo.bin: verified, identical");
    }
}
