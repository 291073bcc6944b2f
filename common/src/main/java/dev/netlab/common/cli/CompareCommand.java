package dev.netlab.common.cli;

import dev.netlab.common.report.ReportTable;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import java.nio.file.Path;
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
        description = "Show run reports side by side, with each value's ratio to the baseline run.")
public final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "REPORT.json", description = "Run reports written with --report.")
    List<Path> reports;

    @Option(names = "--baseline", paramLabel = "N", defaultValue = "1",
            description = "Which run (1-based, in argument order) the ratios are taken against. Default: ${DEFAULT-VALUE}.")
    int baseline;

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
        if (baseline < 1 || baseline > runs.size()) {
            throw new CommandFailedException(ExitCodes.USAGE,
                    "--baseline " + baseline + " is not one of the " + runs.size() + " runs");
        }
        spec.commandLine().getOut().print(new ReportTable(runs, baseline - 1).render());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
