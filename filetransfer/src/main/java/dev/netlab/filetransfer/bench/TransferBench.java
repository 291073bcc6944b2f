package dev.netlab.filetransfer.bench;

import dev.netlab.bench.ChildCommand;
import dev.netlab.bench.ChildRun;
import dev.netlab.bench.ChildRunner;
import dev.netlab.bench.DataTrees;
import dev.netlab.common.metrics.Units;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs a {@link BenchPlan}: makes the data, starts the netlab servers and the peers, then for each
 * piece of data runs the rounds, each round every netlab variant once and every peer once, one
 * after the other, so that a machine that is busy for a while slows every contender alike. Every
 * run is timed from outside and written as its own report to the output folder.
 */
final class TransferBench {

    private final BenchPlan plan;
    private final PrintWriter out;
    private final List<RunReport> reports = new ArrayList<>();
    private int failedNetlabRuns;

    TransferBench(BenchPlan plan, PrintWriter out) {
        this.plan = plan;
        this.out = out;
    }

    /** All reports written, in run order. */
    List<RunReport> reports() {
        return List.copyOf(reports);
    }

    int failedNetlabRuns() {
        return failedNetlabRuns;
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(plan.out().resolve("raw"));
        List<TransferData> data = prepareData();
        Set<Boolean> tlsModes = new LinkedHashSet<>();
        plan.variants().forEach(v -> tlsModes.add(v.tls()));
        try (NetlabServers servers = NetlabServers.start(plan.tool(), tlsModes, plan.work());
             PeerSet peers = PeerSet.start(plan.peers(), plan.work().resolve("peers"), plan.timeout(), out::println)) {
            int total = data.size() * plan.repeats() * plan.variants().size();
            out.printf(Locale.ROOT, "%d netlab runs, peers: %s; numbers from a shared machine are noisy%n",
                    total, peers.available().isEmpty() ? "none" : peers.available());
            out.flush();
            for (TransferData item : data) {
                for (int round = 1; round <= plan.repeats(); round++) {
                    runRound(servers, peers, item, round);
                }
            }
        }
    }

    private List<TransferData> prepareData() throws IOException {
        Path folder = plan.work().resolve("data");
        List<TransferData> data = new ArrayList<>();
        for (int i = 0; i < plan.sizes().size(); i++) {
            data.add(TransferData.randomFile(folder, plan.sizes().get(i), plan.seed() + i));
        }
        if (plan.smallFiles() > 0) {
            data.add(TransferData.smallFiles(folder, plan.smallFiles(), plan.smallFileSize(), plan.seed()));
        }
        return data;
    }

    private void runRound(NetlabServers servers, PeerSet peers, TransferData item, int round)
            throws IOException, InterruptedException {
        for (NetlabVariant variant : plan.variants()) {
            record(netlabRun(servers, variant, item), round, variant.slug());
        }
        for (Peer peer : peers.available()) {
            if (PeerSet.canMove(peer, item)) {
                record(peers.transfer(peer, item), round, "");
            }
        }
    }

    private RunReport netlabRun(NetlabServers servers, NetlabVariant variant, TransferData item)
            throws IOException, InterruptedException {
        String name = String.format(Locale.ROOT, "%03d-filetransfer-%s-%s", reports.size() + 1, item.label(), variant.slug());
        Path raw = plan.out().resolve("raw").resolve(name + ".json");
        String to = "run-" + (reports.size() + 1);
        ChildCommand send = plan.tool().command("send", servers.target(variant.tls()), item.path().toString(),
                        "--to", to, "--no-progress", "--report", raw.toString())
                .plus(variant.sendOptions().toArray(String[]::new))
                .withTimeout(plan.timeout());
        Instant started = Instant.now();
        ChildRun run = ChildRunner.run(send);
        DataTrees.deleteRecursively(servers.folder(variant.tls()).resolve(to));
        RunReport toolReport = Files.isRegularFile(raw) ? RunReportJson.read(raw) : null;
        RunReport report = NetlabRunReport.of(variant, item, started, run, toolReport, "raw/" + raw.getFileName());
        if (!report.result().path("ok").asBoolean()) {
            failedNetlabRuns++;
            out.println("failed: `" + send.display() + "`: exit " + run.exitCode() + ": " + run.lastErrorLine());
        }
        return report;
    }

    private void record(RunReport report, int round, String slug) throws IOException {
        reports.add(report);
        String data = String.valueOf(report.params().get("data"));
        String name = String.format(Locale.ROOT, "%03d-%s-%s%s-r%d.json", reports.size(), report.tool(), data,
                slug.isEmpty() ? "" : "-" + slug, round);
        RunReportJson.write(report, plan.out().resolve(name));
        double outsideSeconds = report.result().path("outside").path("seconds").asDouble();
        double outsideRate = report.result().path("outside").path("bytesPerSecond").asDouble();
        out.printf(Locale.ROOT, "  %-12s %-10s %-20s round %d: %s, %s%s%n", report.tool(), data, slug, round,
                Units.formatSeconds(outsideSeconds), Units.formatRate(outsideRate),
                report.result().path("ok").asBoolean() ? "" : "  FAILED");
        out.flush();
    }
}
