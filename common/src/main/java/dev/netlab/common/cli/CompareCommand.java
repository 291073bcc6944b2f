package dev.netlab.common.cli;

import dev.netlab.common.report.ComparisonPage;
import dev.netlab.common.report.ReportTable;
import dev.netlab.common.report.RunGroup;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code compare REPORT.json...}: runs side by side with ratios to a baseline run. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show run reports side by side: repeats of one configuration as medians,",
                "each value with its ratio to the baseline."})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "REPORT.json", description = "Run reports written with --report.")
    List<Path> reports;

    @Option(names = "--baseline", paramLabel = "N", defaultValue = "1",
            description = "Which run (1-based, in argument order) the ratios are taken against. Default: ${DEFAULT-VALUE}.")
    int baseline;

    @Option(names = "--html", paramLabel = "OUT.html",
            description = "Also write one self-contained page (works offline) with the table and charts.")
    Path html;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<RunReport> runs = new ArrayList<>();
        for (Path report : reports) {
            runs.add(RunReportJson.read(report));
        }
        int configurations = RunGroup.of(runs).size();
        if (baseline < 1 || baseline > configurations) {
            throw new CommandFailedException(ExitCodes.USAGE,
                    "--baseline " + baseline + " is not one of the " + configurations + " configurations");
        }
        ReportTable table = new ReportTable(runs, baseline - 1);
        PrintWriter out = spec.commandLine().getOut();
        out.print(table.render());
        if (html != null) {
            System.setProperty("java.awt.headless", "true");
            ComparisonPage page = new ComparisonPage(table);
            Path target = html.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, page.render());
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            out.println("wrote " + html + " (" + page.chartTitles().size() + " charts)");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
