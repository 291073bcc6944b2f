package dev.netlab.lab.page;

import dev.netlab.lab.run.FileRun;
import dev.netlab.lab.run.MediaRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The page's plain sentences: each result of the highest loss rate run, tied to the socket
 * concept behind it (connection, acknowledgment, retransmission, ordering, datagrams).
 */
final class LabVerdicts {

    private LabVerdicts() {
    }

    static List<String> of(List<MediaRun> media, List<FileRun> files) {
        List<String> sentences = new ArrayList<>();
        Optional<MediaRun> tcp = worst(media, "tcp");
        Optional<MediaRun> livestream = worst(media, "livestream");
        tcp.ifPresent(run -> sentences.add(String.format(Locale.ROOT,
                "Media over TCP at %s loss: %.1f%% of the packets played on time, and the longest silence was %.0f ms. "
                        + "TCP is a connection that hands the reader its bytes only in order: when a segment is lost, "
                        + "everything sent after it waits in the receiver's buffer until the sender, missing the "
                        + "acknowledgment, retransmits it. The audio behind the loss arrives all at once, too late to play.",
                LabTable.percent(run.lossPercent()), run.result().onTimePercent(), run.result().longestStallMs())));
        livestream.ifPresent(run -> sentences.add(String.format(Locale.ROOT,
                "Media over livestream at %s loss: %.1f%% of the packets played on time, the longest concealed "
                        + "stretch was %.0f ms. Each UDP datagram stands alone, so a lost one holds nothing back: "
                        + "livestream rebuilds it from FEC or asks for it once while there is still time, and conceals "
                        + "it otherwise, while the next datagram plays on schedule.",
                LabTable.percent(run.lossPercent()), run.result().onTimePercent(), run.result().longestStallMs())));
        worst(files, "udp").ifPresent(run -> sentences.add(String.format(Locale.ROOT,
                "The file as bare UDP datagrams at %s loss: %d bytes never arrived and %d bytes of the received file "
                        + "are wrong. Nothing acknowledges a datagram and nothing retransmits it, and the receiver, "
                        + "which keeps no order, writes each one where the last ended, so a single loss shifts all "
                        + "that follows.",
                LabTable.percent(run.lossPercent()), run.result().bytesMissing(), run.result().bytesWrong())));
        for (String transport : List.of("tcp", "filetransfer")) {
            worst(files, transport).ifPresent(run -> sentences.add(run.result().identical()
                    ? String.format(Locale.ROOT, "The file over %s at %s loss arrived identical, in %.1f s: "
                                    + "acknowledgments and retransmissions recovered every lost packet, and loss cost "
                                    + "only time.",
                            transport, LabTable.percent(run.lossPercent()), run.result().seconds())
                    : String.format(Locale.ROOT, "The file over %s at %s loss had not arrived after %.0f s: "
                                    + "TCP retransmits until every byte is acknowledged, and at this loss rate its "
                                    + "retransmission timer backs off so far that the transfer crawls. It would still "
                                    + "arrive whole, only much later.",
                            transport, LabTable.percent(run.lossPercent()), run.result().seconds())));
        }
        return sentences;
    }

    /** The run of {@code transport} at the highest loss rate. */
    private static <R> Optional<R> worst(List<R> runs, String transport) {
        return runs.stream()
                .filter(run -> transportOf(run).equals(transport))
                .max(Comparator.comparingDouble(LabVerdicts::lossOf));
    }

    private static String transportOf(Object run) {
        return run instanceof MediaRun m ? m.transport() : ((FileRun) run).transport();
    }

    private static double lossOf(Object run) {
        return run instanceof MediaRun m ? m.lossPercent() : ((FileRun) run).lossPercent();
    }
}
