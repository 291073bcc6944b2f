package dev.netlab.filetransfer.client;

import dev.netlab.filetransfer.engine.SourceFile;
import dev.netlab.filetransfer.protocol.ChunkLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spreads an upload over N connections. A file of at least {@link #MIN_CHUNKS_PER_STRIPE}
 * chunks per connection is striped: every connection carries every N-th chunk of it. The other
 * files go whole, largest first, each to the connection with the fewest bytes so far; each
 * connection then sends in path order.
 */
final class StreamPlanner {

    /** Below this many chunks per connection, striping costs more in coordination than it spreads. */
    static final int MIN_CHUNKS_PER_STRIPE = 4;
    /** Small files still cost a little per file; count each as this many bytes when balancing. */
    private static final long PER_FILE_WEIGHT = 4096;

    private StreamPlanner() {
    }

    static List<List<SourceFile>> spread(List<SourceFile> files, int streams, int chunkSize) {
        boolean anyStriped = streams > 1 && files.stream().anyMatch(f -> stripes(f, streams, chunkSize));
        int lanes = anyStriped ? streams : Math.max(1, Math.min(streams, files.size()));
        List<List<SourceFile>> result = new ArrayList<>();
        long[] load = new long[lanes];
        for (int i = 0; i < lanes; i++) {
            result.add(new ArrayList<>());
        }
        List<SourceFile> bySize = new ArrayList<>(files);
        bySize.sort(Comparator.comparingLong(SourceFile::size).reversed());
        for (SourceFile file : bySize) {
            if (lanes > 1 && stripes(file, lanes, chunkSize)) {
                for (int k = 0; k < lanes; k++) {
                    result.get(k).add(file.stripe(k, lanes));
                    load[k] += file.size() / lanes;
                }
                continue;
            }
            int lightest = 0;
            for (int i = 1; i < lanes; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            result.get(lightest).add(file);
            load[lightest] += file.size() + PER_FILE_WEIGHT;
        }
        for (List<SourceFile> lane : result) {
            lane.sort(Comparator.comparing(SourceFile::wirePath));
        }
        return result;
    }

    private static boolean stripes(SourceFile file, int streams, int chunkSize) {
        return !file.directory()
                && ChunkLayout.of(file.size(), chunkSize).chunkCountLong() >= (long) streams * MIN_CHUNKS_PER_STRIPE;
    }
}
