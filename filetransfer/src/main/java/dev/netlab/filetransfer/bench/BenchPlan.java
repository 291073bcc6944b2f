package dev.netlab.filetransfer.bench;

import dev.netlab.bench.ToolJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one {@code filetransfer bench} measures: the data (single files of each size, and
 * optionally a tree of many small files), the netlab variants, the peers, how many alternating
 * rounds, and where reports go.
 *
 * @param smallFiles number of small files in the tree, 0 for none
 * @param work       folder for generated data, server folders and peer daemons
 */
record BenchPlan(ToolJar tool, List<Long> sizes, int smallFiles, int smallFileSize, List<NetlabVariant> variants,
                 List<Peer> peers, int repeats, Path out, Path work, Duration timeout, long seed) {
}
