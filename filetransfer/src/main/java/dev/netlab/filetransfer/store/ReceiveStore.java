package dev.netlab.filetransfer.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
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

    /**
     * Space left free beyond the files, so the disk is not filled to the last byte: 64 MiB, or a
     * twentieth of a small disk (3.2 MiB of a 64 MiB one), where 64 MiB would refuse everything.
     */
    public static final long FREE_SPACE_RESERVE = 64L * 1024 * 1024;
    /** The reserve on a small disk: this fraction of its size. */
    private static final int SMALL_DISK_RESERVE_DIVISOR = 20;
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

    /** Says whose disk it is in messages: "the server's disk" on a server, "the local disk" for downloads. */
    private final String diskName;
    /** Bytes promised to files still arriving ({@link SpaceReservation}); guarded by spaceLock. */
    private long promised;
    private final Object spaceLock = new Object();
    /**
     * Looked up once: {@code Files.getFileStore} reads the mount table on every call (about a
     * millisecond), while asking a known store for its free space is one statvfs.
     */
    private final FileStore fileStore;

    private final Object claimsLock = new Object();
    /** Destinations being written now; guarded by claimsLock. */
    private final Set<Path> claimed = new HashSet<>();

    public ReceiveStore(Path root, OnExists onExists, boolean fsync) throws IOException {
        this(root, onExists, fsync, "the local disk");
    }

    public ReceiveStore(Path root, OnExists onExists, boolean fsync, String diskName) throws IOException {
        this.diskName = diskName;
        this.paths = new PathPolicy(root);
        this.fileStore = Files.getFileStore(paths.root());
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

    /**
     * Promises {@code bytes} of free space to one arriving file, or throws when they do not fit:
     * the file, every promise still open and the reserve ({@link #reserveBytes}) must all fit in what the
     * disk has free now. Checked for every file, before any byte of it is written.
     */
    public SpaceReservation reserve(long bytes) throws IOException {
        if (bytes == 0) {
            return SpaceReservation.NONE;
        }
        synchronized (spaceLock) {
            checkFreeSpace(bytes);
            promised += bytes;
            return new SpaceReservation(this, bytes);
        }
    }

    /** Throws when {@code bytes} more, on top of every open promise, would leave less than the reserve free. */
    public void checkFreeSpace(long bytes) throws IOException {
        synchronized (spaceLock) {
            long usable = usableSpace();
            long reserve = reserveBytes();
            if (bytes > usable - reserve - promised) {
                throw new InsufficientSpaceException(bytes, reserve, usable, promised);
            }
        }
    }

    void returnPromise(long bytes) {
        synchronized (spaceLock) {
            promised -= bytes;
        }
    }

    /** {@link #FREE_SPACE_RESERVE}, or less on a small disk. */
    public long reserveBytes() throws IOException {
        return Math.min(FREE_SPACE_RESERVE, fileStore.getTotalSpace() / SMALL_DISK_RESERVE_DIVISOR);
    }

    public long usableSpace() throws IOException {
        return fileStore.getUsableSpace();
    }

    /**
     * Whether a write failed because the disk (or the user's quota) is full: the JDK reports
     * ENOSPC and EDQUOT only as the C library's text, with no type of its own.
     */
    public static boolean isOutOfSpace(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }

    /** The one-line message for a write that failed because the disk filled up under it. */
    public String diskFullMessage(String path) {
        String free;
        try {
            free = usableSpace() + " bytes free";
        } catch (IOException e) {
            free = "free space unknown";
        }
        return diskName + " is full: cannot write " + path + " (" + free + ")";
    }

    /**
     * The rule for the part file of a file whose write failed for space: its verified chunks stay
     * for a resume only while the disk still has more than its reserve ({@link #reserveBytes}) free;
     * below that they are debris on a full disk and go. (Part files nobody resumes go after a day, see
     * {@link StalePartSweeper}.)
     */
    public boolean keepsPartAfterSpaceFailure() {
        try {
            return usableSpace() > reserveBytes();
        } catch (IOException e) {
            return false;
        }
    }

    /** True while a transfer writes {@code destination}. */
    public boolean claimed(Path destination) {
        synchronized (claimsLock) {
            return claimed.contains(destination);
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
