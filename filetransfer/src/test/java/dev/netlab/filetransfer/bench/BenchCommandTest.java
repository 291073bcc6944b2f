package dev.netlab.filetransfer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import dev.netlab.common.testing.ClasspathJar;
import dev.netlab.common.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void refusesZeroRepeatsAsAUsageError() {
        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--repeats", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--repeats 0 outside 1..1000");
    }

    @Test
    void refusesAnUnknownPeerNamingTheKnownOnes() {
        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--peers", "nc,croc");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown peer 'croc' (known: nc, rsync, scp, iperf3)");
    }

    @Test
    void refusesAJarThatDoesNotExist() {
        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--jar", dir.resolve("nope.jar").toString(),
                "--tls", "off");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--jar " + dir.resolve("nope.jar") + ": no such file");
    }

    @Test
    void outsideTheShadedJarItAsksWhichJarToMeasure() {
        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--tls", "off");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not running from filetransfer.jar: say which jar to measure with --jar");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void oneSmallRunAgainstTheRealToolWritesAVerifiedReportTimedFromOutside() throws Exception {
        Path jar = ClasspathJar.write(dir.resolve("filetransfer.jar"), "dev.netlab.filetransfer.cli.FiletransferCli");
        Path out = dir.resolve("out");

        CommandRun.Result result = CommandRun.run(new BenchCommand(), "--jar", jar.toString(), "--sizes", "1m",
                "--repeats", "1", "--tls", "off", "--out", out.toString(), "--work", dir.resolve("work").toString());

        assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
        List<Path> reports = reportsIn(out);
        assertThat(reports).hasSize(1);
        RunReport report = RunReportJson.read(reports.get(0));
        assertThat(report.tool()).isEqualTo("filetransfer");
        assertThat(report.params()).containsEntry("data", "1m").containsEntry("streams", 1).containsEntry("tls", "off");
        assertThat(report.result().path("ok").asBoolean()).isTrue();
        assertThat(report.result().path("bytes").asLong()).isEqualTo(1024 * 1024);
        assertThat(report.result().path("outside").path("seconds").asDouble())
                .isGreaterThan(report.result().path("seconds").asDouble());
        assertThat(out.resolve(report.result().path("toolReport").asText())).isRegularFile();
        assertThat(out.resolve("compare.html")).isRegularFile();
        assertThat(result.out()).contains("data 1m: medians");
        assertThat(dir.resolve("work").resolve("serve-plain")).isEmptyDirectory();
    }

    private static List<Path> reportsIn(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
