package dev.netlab.filetransfer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPolicyTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/etc/passwd | absolute path refused: /etc/passwd",
        "../escape.txt | path with '..' refused: ../escape.txt",
        "a/../../escape.txt | path with '..' refused: a/../../escape.txt",
        "C:/Windows/evil.dll | path with a drive letter refused: C:/Windows/evil.dll",
        "c:evil | path with a drive letter refused: c:evil",
        "a\\\\b | path with a backslash refused: a\\\\b",
        "a//b | path with an empty or '.' segment refused: a//b",
        "./a | path with an empty or '.' segment refused: ./a",
        "a/.b.nlpart | name reserved for part files refused: .b.nlpart",
    })
    void refusesEveryTraversalShapeWithTheRuleItBroke(String wirePath, String message) {
        assertThatThrownBy(() -> PathPolicy.segments(wirePath))
                .isInstanceOf(PathRefusedException.class)
                .hasMessage(message);
    }

    @Test
    void refusesNulBytesEmptyPathsAndOverLongNames() {
        assertThatThrownBy(() -> PathPolicy.segments("a\0b")).hasMessage("path with a NUL byte refused: a\\0b");
        assertThatThrownBy(() -> PathPolicy.segments("")).hasMessage("empty path refused");
        assertThatThrownBy(() -> PathPolicy.segments("x".repeat(201))).hasMessage("name of 201 bytes > max 200");
        assertThatThrownBy(() -> PathPolicy.segments("a/".repeat(2100) + "b")).hasMessage("path of 4201 bytes > max 4096");
    }

    @Test
    void acceptsNestedNamesWithSpacesAndNonAscii() throws Exception {
        PathPolicy policy = new PathPolicy(tmp);
        Path resolved = policy.resolveForWrite("docs/meeting notes/ünïcødé 文件.txt").path();
        assertThat(resolved).isEqualTo(tmp.resolve("docs").resolve("meeting notes").resolve("ünïcødé 文件.txt"));
    }

    @Test
    void refusesWritingThroughASymlinkThatLeadsOutOfTheRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        PathPolicy policy = new PathPolicy(root);

        assertThatThrownBy(() -> policy.resolveForWrite("link/stolen.txt"))
                .isInstanceOf(PathRefusedException.class)
                .hasMessage("path leads outside the served directory, refused: link");
        assertThatThrownBy(() -> policy.resolveForRead("link"))
                .isInstanceOf(PathRefusedException.class)
                .hasMessage("path leads outside the served directory, refused: link");
    }

    @Test
    void refusesASymlinkStandingAtTheTarget() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        PathPolicy policy = new PathPolicy(root);

        assertThatThrownBy(() -> policy.resolveForWrite("passwd"))
                .hasMessage("path is a symlink, refused: passwd");
    }
}
