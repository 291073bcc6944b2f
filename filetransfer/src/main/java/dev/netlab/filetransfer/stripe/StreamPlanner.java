package dev.netlab.filetransfer.stripe;

import dev.netlab.filetransfer.engine.SourceFile;
import dev.netlab.filetransfer.protocol.ChunkLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spreads an upload over N connections. A file of at least {@link #MIN_CHUNKS_PER_STRIPE}
 * chunks per connection is striped: every connection carries every N-th chunk of it. The other
 * files go whole, in path order, cut into N runs of about equal weight: each connection gets
 * its own stretch of the tree, so the server's sessions create files in different folders
 * (a file system serializes creates within one folder) and each connection sends in path order.
 */
public final class StreamPlanner {

    /** Below this many chunks per connection, striping costs more in coordination than it spreads. */
    static final int MIN_CHUNKS_PER_STRIPE = 4;
    /** Small files still cost a little per file; count each as this many bytes when balancing. */
    private static final long PER_FILE_WEIGHT = 4096;

    private StreamPlanner() {
    }

    public static List<List<SourceFile>> spread(List<SourceFile> files, int streams, int chunkSize) {
        boolean anyStriped = streams > 1 && files.stream().anyMatch(f -> stripes(f, streams, chunkSize));
        int lanes = anyStriped ? streams : Math.max(1, Math.min(streams, files.size()));
        List<List<SourceFile>> result = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            result.add(new ArrayList<>());
        }
        List<SourceFile> whole = new ArrayList<>();
        for (SourceFile file : files) {
            if (lanes > 1 && stripes(file, lanes, chunkSize)) {
                for (int k = 0; k < lanes; k++) {
                    result.get(k).add(file.stripe(k, lanes));
                }
            } else {
                whole.add(file);
            }
        }
        whole.sort(Comparator.comparing(SourceFile::wirePath));
        long total = whole.stream().mapToLong(StreamPlanner::weight).sum();
        long assigned = 0;
        int lane = 0;
        for (SourceFile file : whole) {
            result.get(lane).add(file);
            assigned += weight(file);
            if (lane < lanes - 1 && assigned * lanes >= total * (lane + 1)) {
                lane++;
            }
        }
        result.removeIf(List::isEmpty); // a few files of very different sizes can leave a run empty
        for (List<SourceFile> run : result) {
            run.sort(Comparator.comparing(SourceFile::wirePath));
        }
        return result;
    }

    private static long weight(SourceFile file) {
        return file.size() + PER_FILE_WEIGHT;
    }

    private static boolean stripes(SourceFile file, int streams, int chunkSize) {
        return !file.directory()
                && ChunkLayout.of(file.size(), chunkSize).chunkCountLong() >= (long) streams * MIN_CHUNKS_PER_STRIPE;
    }
}
