package dev.netlab.filetransfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.filetransfer.cli.FiletransferCli;
import dev.netlab.filetransfer.server.FileServer;
import dev.netlab.filetransfer.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AuthTest {

    @TempDir
    Path tmp;

    private FileServer serverWithToken(String token) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        return Fixtures.server(ServerConfig.loopback(root).withToken(token.getBytes(StandardCharsets.UTF_8)));
    }

    private CommandRun.Result send(FileServer server, String... extra) throws Exception {
        Path file = tmp.resolve("f.txt");
        Files.writeString(file, "secret stuff");
        String[] base = {"send", "127.0.0.1:" + server.localAddress().getPort(), file.toString(), "--no-progress"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CommandRun.run(new FiletransferCli(), args);
    }

    @Test
    void acceptsAClientThatKnowsTheToken() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "correct horse\n");
        try (FileServer server = serverWithToken("correct horse")) {
            CommandRun.Result result = send(server, "--token-file", token.toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        assertThat(Files.readString(tmp.resolve("root/f.txt"))).isEqualTo("secret stuff");
    }

    @Test
    void refusesAWrongTokenWithExitCodeFour() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "battery staple");
        try (FileServer server = serverWithToken("correct horse")) {
            CommandRun.Result result = send(server, "--token-file", token.toString());

            assertThat(result.exitCode()).isEqualTo(4);
            assertThat(result.err()).isEqualTo("error: authentication refused: wrong token\n");
        }
        assertThat(tmp.resolve("root/f.txt")).doesNotExist();
    }

    @Test
    void refusesAClientWithoutATokenWithExitCodeFour() throws Exception {
        try (FileServer server = serverWithToken("correct horse")) {
            CommandRun.Result result = send(server);

            assertThat(result.exitCode()).isEqualTo(4);
            assertThat(result.err()).isEqualTo("error: authentication refused: the server requires a token (--token-file)\n");
        }
    }
}
