package dev.netlab.lab.page;

import dev.netlab.lab.run.FileResult;
import dev.netlab.lab.run.FileRun;
import dev.netlab.lab.run.MediaResult;
import dev.netlab.lab.run.MediaRun;
import java.util.List;
import java.util.Locale;

/** The lab's results as the plain-text table printed on stdout, media first, then files. */
public final class LabTable {

    private LabTable() {
    }

    public static String render(List<MediaRun> media, List<FileRun> files) {
        StringBuilder out = new StringBuilder();
        out.append("media: 5 ms packets, 100 ms latency budget (latency: tcp send to arrival, livestream send to playout)\n");
        out.append(String.format(Locale.ROOT, "%5s  %-12s %8s %14s %26s %9s%n",
                "loss", "transport", "on time", "longest stall", "latency p50/p99/max (ms)", "SNR (dB)"));
        for (MediaRun run : media) {
            MediaResult r = run.result();
            out.append(String.format(Locale.ROOT, "%5s  %-12s %7.2f%% %11.0f ms %26s %9s%n",
                    percent(run.lossPercent()), run.transport(), r.onTimePercent(), r.longestStallMs(),
                    String.format(Locale.ROOT, "%.1f / %.1f / %.1f", r.latencyMs().p50(), r.latencyMs().p99(), r.latencyMs().max()),
                    snr(r.snrDb())));
        }
        out.append("\nfiles: the same random file, sha-256 compared\n");
        out.append(String.format(Locale.ROOT, "%5s  %-12s %14s %14s %12s %13s %9s %10s%n",
                "loss", "transport", "bytes missing", "bytes wrong", "out of order", "rcvbuf drops", "identical", "time"));
        for (FileRun run : files) {
            FileResult r = run.result();
            out.append(String.format(Locale.ROOT, "%5s  %-12s %14d %14d %12s %13s %9s %10s%n",
                    percent(run.lossPercent()), run.transport(), r.bytesMissing(), r.bytesWrong(),
                    r.outOfOrder() < 0 ? "-" : String.valueOf(r.outOfOrder()),
                    r.receiveBufferDrops() < 0 ? "-" : String.valueOf(r.receiveBufferDrops()), r.identical() ? "yes" : "NO",
                    String.format(Locale.ROOT, r.finished() ? "%.2f s" : "> %.0f s", r.seconds())));
        }
        return out.toString();
    }

    static String percent(double loss) {
        return (loss == Math.rint(loss) ? String.valueOf((long) loss) : String.valueOf(loss)) + "%";
    }

    static String snr(double db) {
        return Double.isInfinite(db) ? "exact" : Double.isNaN(db) ? "-" : String.format(Locale.ROOT, "%.1f", db);
    }
}
