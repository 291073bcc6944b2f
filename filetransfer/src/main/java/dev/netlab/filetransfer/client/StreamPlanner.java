package dev.netlab.filetransfer.client;

import dev.netlab.filetransfer.engine.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spreads files over N connections so each carries about the same number of bytes: largest
 * files first, each to the lane with the fewest bytes so far, then each lane back in path order.
 */
final class StreamPlanner {

    /** Small files still cost a little per file; count each as this many bytes when balancing. */
    private static final long PER_FILE_WEIGHT = 4096;

    private StreamPlanner() {
    }

    static List<List<SourceFile>> spread(List<SourceFile> files, int streams) {
        int lanes = Math.max(1, Math.min(streams, files.size()));
        List<List<SourceFile>> result = new ArrayList<>();
        long[] load = new long[lanes];
        for (int i = 0; i < lanes; i++) {
            result.add(new ArrayList<>());
        }
        if (lanes == 1) {
            result.get(0).addAll(files);
            return result;
        }
        List<SourceFile> bySize = new ArrayList<>(files);
        bySize.sort(Comparator.comparingLong(SourceFile::size).reversed());
        for (SourceFile file : bySize) {
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
}
