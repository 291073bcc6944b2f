package dev.netlab.filetransfer.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownServersTest {

    private static final Fingerprint A = Fingerprint.parse("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
    private static final Fingerprint B = Fingerprint.parse("SHA256:bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0");

    @TempDir
    Path dir;

    @Test
    void keysAreHostAsTypedLowerCasedWithBracketedIpv6() {
        assertThat(KnownServers.key("Files.Example.TEST", 9000)).isEqualTo("files.example.test:9000");
        assertThat(KnownServers.key("::1", 9000)).isEqualTo("[::1]:9000");
        assertThat(KnownServers.key("[::1]", 9000)).isEqualTo("[::1]:9000");
        assertThat(KnownServers.key("127.0.0.1", 9000)).isNotEqualTo(KnownServers.key("localhost", 9000));
    }

    @Test
    void recordsOnceAndKeepsTheFirstFingerprint() throws IOException {
        KnownServers known = new KnownServers(dir.resolve("sub/known_servers"));

        KnownServers.Recorded first = known.recordIfAbsent("host:1", A);
        KnownServers.Recorded second = known.recordIfAbsent("host:1", B);

        assertThat(first.added()).isTrue();
        assertThat(second.added()).isFalse();
        assertThat(second.entry()).isEqualTo(new KnownServers.Entry("host:1", A, 2));
        assertThat(known.lookup("host:1")).contains(new KnownServers.Entry("host:1", A, 2));
        assertThat(known.lookup("host:2")).isEmpty();
    }

    @Test
    void appendsAfterAHandEditedLastLineWithoutNewline() throws IOException {
        Path file = dir.resolve("known_servers");
        Files.writeString(file, "# mine\nhost:1 " + A);
        KnownServers known = new KnownServers(file);

        KnownServers.Recorded recorded = known.recordIfAbsent("host:2", B);

        assertThat(recorded.entry().lineNumber()).isEqualTo(3);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .containsExactly("# mine", "host:1 " + A, "host:2 " + B);
    }

    @Test
    void missingFileKnowsNoServer() throws IOException {
        assertThat(new KnownServers(dir.resolve("absent")).lookup("host:1")).isEmpty();
    }

    @Test
    void refusesMalformedLineNamingFileAndLine() throws IOException {
        Path file = dir.resolve("known_servers");
        Files.writeString(file, "host:1 " + A + "\nhost:2 SHA256:nonsense\n");

        assertThatThrownBy(() -> new KnownServers(file).lookup("host:2"))
                .isInstanceOf(IOException.class)
                .hasMessage("known servers file " + file + " line 2 is not 'HOST:PORT SHA256:<base64>':"
                        + " 'host:2 SHA256:nonsense'");
    }
}
