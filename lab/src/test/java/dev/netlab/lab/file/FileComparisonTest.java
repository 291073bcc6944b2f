package dev.netlab.lab.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class FileComparisonTest {

    @TempDir
    Path dir;

    @Test
    void anEqualFileIsIdentical() throws Exception {
        assertThat(compare("hello world", "hello world")).isEqualTo(new FileComparison(0, 0, true));
    }

    @Test
    void countsMissingAndWrongBytesSeparately() throws Exception {
        assertThat(compare("hello world", "jello")).isEqualTo(new FileComparison(6, 1, false));
    }

    @Test
    void aLongerFileIsNotIdenticalThoughNothingIsMissing() throws Exception {
        assertThat(compare("abc", "abcd")).isEqualTo(new FileComparison(0, 0, false));
    }

    @Test
    void aFileThatNeverArrivedIsAllMissing() throws Exception {
        Path source = Files.writeString(dir.resolve("a"), "12345");
        assertThat(FileComparison.of(source, dir.resolve("none"))).isEqualTo(new FileComparison(5, 0, false));
    }

    @Test
    void comparesAcrossBufferBoundaries() throws Exception {
        byte[] a = new byte[200_000];
        byte[] b = a.clone();
        b[65_536] = 1;
        b[199_999] = 1;
        Path source = Files.write(dir.resolve("a"), a);
        Path received = Files.write(dir.resolve("b"), b);
        assertThat(FileComparison.of(source, received)).isEqualTo(new FileComparison(0, 2, false));
    }

    private FileComparison compare(String source, String received) throws Exception {
        return FileComparison.of(Files.writeString(dir.resolve("a"), source), Files.writeString(dir.resolve("b"), received));
    }
}
