package dev.netlab.filetransfer.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes part files and ledgers nobody has touched for {@link #STALE_AFTER}: a transfer that
 * was cut and never resumed must not keep its bytes on the disk for ever. Runs when the server
 * starts and then every {@link #PERIOD}; never touches a destination a transfer holds right now,
 * and never follows a symlink.
 */
public final class StalePartSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StalePartSweeper.class);

    /** A day: long enough for a user to come back to a cut transfer, short enough for a full disk to recover. */
    public static final Duration STALE_AFTER = Duration.ofDays(1);
    /** Once an hour: a part file outlives its day by at most that. */
    public static final Duration PERIOD = Duration.ofHours(1);

    private final ReceiveStore store;
    private final Duration staleAfter;

    public StalePartSweeper(ReceiveStore store) {
        this(store, STALE_AFTER);
    }

    StalePartSweeper(ReceiveStore store, Duration staleAfter) {
        this.store = store;
        this.staleAfter = staleAfter;
    }

    /** @return how many files were removed */
    public int sweep() {
        long oldest = System.currentTimeMillis() - staleAfter.toMillis();
        int[] removed = {0};
        long[] bytes = {0};
        try {
            Files.walkFileTree(store.paths().root(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && PartFiles.isPartFileName(name)
                            && attrs.lastModifiedTime().toMillis() < oldest && !store.claimed(destinationOf(file))) {
                        Files.deleteIfExists(file);
                        removed[0]++;
                        bytes[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not look for stale part files: {}", e.getMessage());
        }
        if (removed[0] > 0) {
            LOG.info("removed {} part files and ledgers ({} bytes) untouched for {} h", removed[0], bytes[0],
                    staleAfter.toHours());
        }
        return removed[0];
    }

    /** ".NAME.nlpart" and ".NAME.nlpart.ledger" both stand for NAME. */
    static Path destinationOf(Path partOrLedger) {
        String name = partOrLedger.getFileName().toString();
        String suffix = name.endsWith(PartFiles.LEDGER_SUFFIX) ? PartFiles.LEDGER_SUFFIX : PartFiles.PART_SUFFIX;
        return partOrLedger.resolveSibling(name.substring(1, name.length() - suffix.length()));
    }
}
