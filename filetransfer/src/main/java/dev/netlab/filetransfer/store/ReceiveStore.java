package dev.netlab.filetransfer.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;

/**
 * The directory files arrive in: resolves wire paths safely, keeps two transfers from writing
 * the same destination at once, checks free space, and publishes verified part files under
 * their final names without ever clobbering data unless told to. Shared by all connections of
 * a server; thread-safe.
 */
public final class ReceiveStore {

    /** Space left free beyond the file itself, so the disk is not filled to the last byte. */
    public static final long FREE_SPACE_RESERVE = 64L * 1024 * 1024;
    /** A taken name gets at most this many numbered alternatives before the file fails. */
    private static final int MAX_RENAME_ATTEMPTS = 1000;

    private final PathPolicy paths;
    private final OnExists onExists;
    private final boolean fsync;
    /**
     * How long an offer waits for another transfer of the same destination to let go: a client
     * that reconnects right after a cut often arrives before the server noticed the old
     * connection died, and should resume, not be told "busy".
     */
    public static final Duration CLAIM_WAIT = Duration.ofSeconds(5);

    private final Object claimsLock = new Object();
    /** Destinations being written now; guarded by claimsLock. */
    private final Set<Path> claimed = new HashSet<>();

    public ReceiveStore(Path root, OnExists onExists, boolean fsync) throws IOException {
        this.paths = new PathPolicy(root);
        this.onExists = onExists;
        this.fsync = fsync;
    }

    public PathPolicy paths() {
        return paths;
    }

    public OnExists onExists() {
        return onExists;
    }

    public boolean fsync() {
        return fsync;
    }

    /**
     * Reserves a destination for one transfer, waiting up to {@link #CLAIM_WAIT} for another
     * transfer of it to finish or die.
     *
     * @return false when another transfer still writes this destination
     */
    public boolean claim(Path destination) throws InterruptedIOException {
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
        synchronized (claimsLock) {
            while (claimed.contains(destination)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    claimsLock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + destination);
                }
            }
            claimed.add(destination);
            return true;
        }
    }

    public void release(Path destination) {
        synchronized (claimsLock) {
            claimed.remove(destination);
            claimsLock.notifyAll();
        }
    }

    /** Throws when storing {@code bytes} more would leave less than {@link #FREE_SPACE_RESERVE}. */
    public void checkFreeSpace(long bytes) throws IOException {
        long usable = Files.getFileStore(paths.root()).getUsableSpace();
        if (bytes + FREE_SPACE_RESERVE > usable) {
            throw new InsufficientSpaceException(bytes, usable);
        }
    }

    /**
     * Moves a verified part file to its final name following the on-exists policy.
     *
     * @return the name it was stored under
     */
    public Path publish(Path part, Path destination) throws IOException {
        if (onExists == OnExists.OVERWRITE) {
            Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return destination;
        }
        Path candidate = destination;
        for (int attempt = 1; attempt <= MAX_RENAME_ATTEMPTS; attempt++) {
            if (publishWithoutClobbering(part, candidate)) {
                return candidate;
            }
            if (onExists == OnExists.FAIL) {
                throw new FileAlreadyExistsException(paths.root().relativize(destination).toString(), null,
                        "exists and --on-exists is fail");
            }
            candidate = numbered(destination, attempt);
        }
        throw new FileAlreadyExistsException(destination.toString(), null,
                MAX_RENAME_ATTEMPTS + " numbered names all taken");
    }

    /**
     * A hard link fails when the name exists, which makes "publish unless taken" one atomic
     * step; where links are not supported, checks and renames instead.
     */
    private static boolean publishWithoutClobbering(Path part, Path candidate) throws IOException {
        try {
            Files.createLink(candidate, part);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(candidate)) {
                return false;
            }
            Files.move(part, candidate, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        Files.delete(part);
        return true;
    }

    static Path numbered(Path destination, int n) {
        String name = destination.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0
                ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot)
                : name + " (" + n + ")";
        return destination.resolveSibling(numbered);
    }
}
