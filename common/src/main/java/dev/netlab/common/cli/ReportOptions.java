package dev.netlab.common.cli;

import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --report FILE} and {@code --json} mixin: where a run's report goes. */
public final class ReportOptions {

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the run report to FILE.")
    Path report;

    @Option(names = "--json", description = "Print the run report as JSON on stdout.")
    boolean json;

    public boolean wanted() {
        return report != null || json;
    }

    /** True when stdout carries the JSON report, so human summaries belong on stderr. */
    public boolean jsonOnStdout() {
        return json;
    }

    public void emit(RunReport runReport, PrintWriter stdout) throws IOException {
        if (report != null) {
            RunReportJson.write(runReport, report);
        }
        if (json) {
            stdout.println(RunReportJson.toJson(runReport));
            stdout.flush();
        }
    }
}
